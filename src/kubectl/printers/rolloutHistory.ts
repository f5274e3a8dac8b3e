/**
 * `kubectl rollout history deployment/NAME [--revision=N]`: kubectl's DeploymentHistoryViewer
 * text, printed after `deployment.apps/NAME ` by the name printer. The revision detail is the
 * pod template describe prints, but without tabwriter alignment (raw tabs), as kubectl does.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../cluster/api';
import { describePodTemplate } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { deploymentReplicaSets } from './deploymentReplicaSets';
import { DESCRIBE_TABWRITER, tabwrite } from './goTabwriter';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

function historyText(view: ClusterView, d: Deployment, revision: number | undefined): string {
  const { old, newRS } = deploymentReplicaSets(view, d);
  const history = new Map<number, PodTemplateSpec>();
  for (const rs of newRS ? [...old, newRS] : old) {
    const rev = Number(rs.metadata?.annotations?.[REVISION] ?? '');
    if (!Number.isInteger(rev)) continue;
    const t = JSON.parse(JSON.stringify(rs.spec?.template ?? {})) as PodTemplateSpec;
    t.metadata = t.metadata ?? {};
    t.metadata.annotations = t.metadata.annotations ?? {};
    const cause = rs.metadata?.annotations?.[CHANGE_CAUSE];
    if (cause) t.metadata.annotations[CHANGE_CAUSE] = cause;
    history.set(rev, t);
  }
  if (history.size === 0) return 'No rollout history found.';
  if (revision !== undefined && revision > 0) {
    const t = history.get(revision);
    if (!t) throw new Error('unable to find the specified revision');
    const w = new PrefixWriter();
    describePodTemplate(w, t);
    return w.raw();
  }
  let text = 'REVISION\tCHANGE-CAUSE\n';
  for (const r of [...history.keys()].sort((a, b) => a - b)) {
    text += `${r}\t${history.get(r)!.metadata?.annotations?.[CHANGE_CAUSE] || '<none>'}\n`;
  }
  return tabwrite(text, DESCRIBE_TABWRITER);
}

export function renderRolloutHistory(view: ClusterView, d: Deployment, revision?: number): string {
  const withRevision = revision !== undefined && revision > 0 ? `with revision #${revision}` : '';
  return `deployment.apps/${d.metadata?.name ?? ''} ${withRevision}\n${historyText(view, d, revision)}\n`;
}
