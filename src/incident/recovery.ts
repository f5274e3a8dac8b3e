/**
 * "Declare resolved" asks the cluster, never the command history: the deployment must be fully
 * rolled out and available, every one of its pods ready and staying up, and (when the scenario
 * names one) its Service must have ready endpoints. Reasons are written for the learner.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../cluster/api';
import type { Scenario } from './schema';

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function secondsSince(now: number, iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : Math.floor((now - t) / 1000);
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Why the service is not recovered yet; empty when it is. */
export function recoveryProblems(view: ClusterView, recovery: Scenario['recovery']): string[] {
  const { namespace, deployment: name, stableSeconds } = recovery;
  const now = view.now();
  const d = view.get('Deployment', namespace, name);
  if (!d) return [`There is no deployment ${name} in namespace ${namespace}.`];
  const want = d.spec?.replicas ?? 1;
  const st = d.status ?? {};
  const problems: string[] = [];
  if ((st.observedGeneration ?? 0) < (d.metadata?.generation ?? 0) || (st.updatedReplicas ?? 0) < want) {
    problems.push(`The ${name} rollout has not finished: ${st.updatedReplicas ?? 0} of ${want} replicas run the current template.`);
  }
  if ((st.availableReplicas ?? 0) < want) {
    problems.push(`${name} has ${st.availableReplicas ?? 0} of ${want} replicas available.`);
  }
  const selector = d.spec?.selector?.matchLabels ?? {};
  const pods = view.list('Pod', namespace).filter((p) => matches(selector, p.metadata?.labels) && !p.metadata?.deletionTimestamp);
  const notReady = pods.filter((p) => !isReady(p));
  if (notReady.length > 0) {
    problems.push(`${notReady.length} of ${pods.length} ${name} pods are not ready (${notReady.map((p) => p.metadata?.name).join(', ')}).`);
  }
  if (pods.length > want) {
    problems.push(`${pods.length} ${name} pods exist where ${want} are wanted: old pods are still around.`);
  }
  // Stability: nothing restarted recently, and every container has been up for a while.
  let youngest: number | undefined;
  for (const pod of pods) {
    for (const cs of pod.status?.containerStatuses ?? []) {
      const finished = secondsSince(now, cs.lastState?.terminated?.finishedAt);
      if (finished !== undefined && finished < stableSeconds) {
        problems.push(`A container in ${pod.metadata?.name} restarted ${finished}s ago; it must stay up for ${stableSeconds}s.`);
      }
      const up = secondsSince(now, cs.state?.running?.startedAt);
      if (up !== undefined) youngest = youngest === undefined ? up : Math.min(youngest, up);
    }
  }
  if (problems.length === 0 && youngest !== undefined && youngest < stableSeconds) {
    problems.push(`The newest ${name} container has been up for ${youngest}s; watch it for ${stableSeconds}s before calling it.`);
  }
  if (recovery.service) {
    const slices = view
      .list('EndpointSlice', namespace)
      .filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === recovery.service);
    const ready = slices.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length;
    if (ready === 0) problems.push(`Service ${recovery.service} has no ready endpoints: requests still fail.`);
  }
  return problems;
}
