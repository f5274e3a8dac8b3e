/** `kubectl rollout history|status|undo` for deployments. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ClusterView } from '../../cluster/api';
import { flagError, noResources } from '../errors';
import { type FlagSpec, flagBool, flagInt, flagString } from '../flags';
import { printName, printRolloutHistory, printYaml } from '../printers/index';
import { qualifiedSingular } from '../resources';
import { ROLLOUT_HISTORY_HELP, ROLLOUT_STATUS_HELP, ROLLOUT_UNDO_HELP } from './helpTexts';
import { parseGoDuration } from '../goDuration';
import { followRolloutStatus } from './rolloutStatusFollow';
import { type Fetched, fetch, resolveTargets } from './targets';
import { type Command, type CommandEnv, Output } from './types';

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

type Resolved = { ok: true; items: Fetched[] } | { ok: false; message: string };

/** The objects a rollout subcommand acts on, with the resource builder's checks. */
function resolveWorkloads(env: CommandEnv, verb: 'history' | 'status' | 'undo'): Resolved {
  if (env.args.length === 0) return { ok: false, message: 'error: required resource not specified' };
  const targets = resolveTargets(env.args);
  if (!targets.ok) return { ok: false, message: targets.message };
  const items: Fetched[] = [];
  for (const req of targets.requests) {
    const got = fetch(env.ctx.cluster, req, env.namespace, []);
    if (got.error !== undefined) return { ok: false, message: got.error };
    for (const it of got.found) {
      if (it.rt.modelled !== 'Deployment') {
        const what = verb === 'history' ? 'no history viewer' : verb === 'status' ? 'no status viewer' : 'no rollbacker';
        return { ok: false, message: `error: ${what} has been implemented for "${it.rt.group === '' ? it.rt.kind : `${it.rt.kind}.${it.rt.group}`}"` };
      }
      items.push(it);
    }
  }
  return { ok: true, items };
}

function ownedReplicaSets(view: ClusterView, d: Deployment): ReplicaSet[] {
  const uid = d.metadata?.uid;
  return view
    .list('ReplicaSet', d.metadata?.namespace)
    .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === uid && r.controller === true));
}

function revisions(view: ClusterView, d: Deployment): number[] {
  return ownedReplicaSets(view, d)
    .map((rs) => Number(rs.metadata?.annotations?.[REVISION_ANNOTATION]))
    .filter((n) => Number.isInteger(n) && n > 0);
}

function runHistory(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const revision = flagInt(env.flags, 'revision') ?? 0;
  if (revision < 0) return o.fail(`error: revision must be a positive integer: ${revision}`).result();
  const r = resolveWorkloads(env, 'history');
  if (!r.ok) return o.fail(r.message).result();
  if (r.items.length === 0) return o.err(noResources(env.namespace)).result();
  const output = flagString(env.flags, 'output');
  if (output !== undefined) return historyObjects(o, env.ctx.cluster, r.items, output, revision);
  for (const it of r.items) {
    const d = it.obj as Deployment;
    if (revision > 0 && !revisions(env.ctx.cluster, d).includes(revision)) {
      return o.fail('error: unable to find the specified revision').result();
    }
    o.out(printRolloutHistory(env.ctx.cluster, d, revision > 0 ? revision : undefined));
  }
  return o.result();
}

const HISTORY_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

/**
 * The ReplicaSet as kubectl's typed apps/v1 struct serialises it: the template's metadata has a
 * creationTimestamp (a struct, so `omitempty` keeps it) that is null.
 */
function typedReplicaSet(rs: ReplicaSet): ReplicaSet {
  const template = rs.spec?.template;
  if (template === undefined || template.metadata?.creationTimestamp !== undefined) return rs;
  // null is what Go's metav1.Time marshals to when unset; the kubernetes-types field is a string.
  const metadata = { creationTimestamp: null as unknown as string, ...template.metadata };
  return { ...rs, spec: { ...rs.spec!, template: { ...template, metadata } } };
}

/**
 * `rollout history -o FORMAT`: kubectl prints the history objects themselves (a deployment's
 * ReplicaSets, by revision; with --revision only that one) with the printer asked for.
 */
function historyObjects(o: Output, view: ClusterView, items: readonly Fetched[], output: string, revision: number): ReturnType<Command['run']> {
  const base = output.split('=')[0]!;
  if (!HISTORY_FORMATS.includes(base)) {
    return o.fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${HISTORY_FORMATS.join(',')}`).result();
  }
  if (base !== 'yaml' && base !== 'name') {
    return o.fail(`error: -o ${base} is not simulated in Firedrill for rollout history; use -o yaml or -o name`).result();
  }
  let printed = 0;
  for (const it of items) {
    const byRevision = new Map<number, ReplicaSet>();
    for (const rs of ownedReplicaSets(view, it.obj as Deployment)) {
      const n = Number(rs.metadata?.annotations?.[REVISION_ANNOTATION]);
      if (Number.isInteger(n) && n > 0) byRevision.set(n, rs);
    }
    const keys = revision > 0 ? [revision] : [...byRevision.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const rs = byRevision.get(k);
      // Real kubectl hands the printer a nil object here and crashes; say what is wrong instead.
      if (rs === undefined) return o.fail('error: unable to find the specified revision').result();
      if (base === 'name') o.out(printName(rs));
      // kubectl's YAML printer starts every document after the first with `---`.
      else o.out((printed > 0 ? '---\n' : '') + printYaml(typedReplicaSet(rs)));
      printed++;
    }
  }
  return o.result();
}

/** The line kubectl's DeploymentStatusViewer prints, whether the rollout is done, or an error. */
export function deploymentStatus(d: Deployment): { line: string; done: boolean } | { error: string } {
  const name = d.metadata?.name ?? '';
  const st = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) {
    return { line: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `error: deployment "${name}" exceeded its progress deadline` };
  const want = d.spec?.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) {
    return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
  }
  if ((st.replicas ?? 0) > updated) {
    return { line: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  }
  if ((st.availableReplicas ?? 0) < updated) {
    return { line: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  }
  return { line: `deployment "${name}" successfully rolled out\n`, done: true };
}

function runStatus(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const revision = flagInt(env.flags, 'revision') ?? 0;
  if (revision < 0) return o.fail(`error: revision must be a positive integer: ${revision}`).result();
  const r = resolveWorkloads(env, 'status');
  if (!r.ok) return o.fail(r.message).result();
  if (r.items.length === 0) return o.err(noResources(env.namespace)).result();
  for (const it of r.items) {
    const d = it.obj as Deployment;
    if (revision > 0) {
      const current = Number(d.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
      if (current !== revision) return o.fail(`error: desired revision (${revision}) is different from the running revision (${current})`).result();
    }
    const s = deploymentStatus(d);
    if ('error' in s) return o.fail(s.error).result();
    o.out(s.line);
    // kubectl keeps watching until the rollout finishes (rolloutStatusFollow.ts).
    const watch = !env.flags.values.has('watch') || flagBool(env.flags, 'watch');
    if (!s.done && watch && r.items.length === 1) {
      const typed = flagString(env.flags, 'timeout') ?? '0s';
      const timeout = parseGoDuration(typed);
      if (!timeout.ok) return flagError('rollout status', `invalid argument "${typed}" for "--timeout" flag: ${timeout.error}`);
      return { ...o.result(), follow: followRolloutStatus(env.ctx.cluster, d, deploymentStatus, timeout.ms) };
    }
  }
  return o.result();
}

function runUndo(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const toRevision = flagInt(env.flags, 'to-revision') ?? 0;
  const r = resolveWorkloads(env, 'undo');
  if (!r.ok) return o.fail(r.message).result();
  if (r.items.length === 0) return o.err(noResources(env.namespace)).result();
  for (const it of r.items) {
    const name = it.obj.metadata?.name ?? '';
    const res = env.ctx.cluster.rolloutUndo(it.obj.metadata?.namespace ?? env.namespace, name, toRevision === 0 ? undefined : toRevision);
    if (!res.ok) {
      o.fail(res.message);
      continue;
    }
    const what = res.value.skipped === true ? `skipped rollback (current template already matches revision ${toRevision})` : 'rolled back';
    o.out(`${qualifiedSingular(it.rt)}/${name} ${what}\n`);
  }
  return o.result();
}

const fileFlag: FlagSpec = { name: 'filename', shorthand: 'f', type: 'string' };

export const rolloutHistoryCommand: Command = {
  path: 'rollout history',
  flags: [
    { name: 'revision', type: 'int' },
    { name: 'output', shorthand: 'o', type: 'string' },
  ],
  unsupported: [fileFlag, { name: 'selector', shorthand: 'l', type: 'string' }],
  help: ROLLOUT_HISTORY_HELP,
  run: runHistory,
};

export const rolloutStatusCommand: Command = {
  path: 'rollout status',
  flags: [
    { name: 'watch', shorthand: 'w', type: 'bool' },
    { name: 'revision', type: 'int' },
    { name: 'timeout', type: 'string' },
  ],
  unsupported: [fileFlag, { name: 'selector', shorthand: 'l', type: 'string' }],
  help: ROLLOUT_STATUS_HELP,
  run: runStatus,
};

export const rolloutUndoCommand: Command = {
  path: 'rollout undo',
  flags: [{ name: 'to-revision', type: 'int' }],
  unsupported: [fileFlag, { name: 'dry-run', type: 'string' }, { name: 'output', shorthand: 'o', type: 'string' }, { name: 'selector', shorthand: 'l', type: 'string' }],
  help: ROLLOUT_UNDO_HELP,
  run: runUndo,
};

