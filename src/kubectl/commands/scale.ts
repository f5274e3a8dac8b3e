/** `kubectl scale --replicas=N (TYPE NAME | TYPE/NAME)`: pkg/cmd/scale. */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { cloneJson } from '../../cluster/json';
import { flagBool, flagInt, flagString } from '../flags';
import { SCALE_HELP } from './writeHelpTexts';
import { changeCauseOf, dryRunOf, findObjects, nameLine, recordChangeCause, recordFlag } from './writeUtil';
import { type Command, type CommandEnv, Output } from './types';

/**
 * cobra's required-flag check fails before kubectl's own code runs, and 1.32's main logs it with
 * klog (`E1125 06:44:15.647289    3320 run.go:72] "command failed" err=...`): the time is the sim
 * clock's, the process id a fixed stand-in.
 */
function requiredFlagMissing(now: number, flag: string): string {
  const d = new Date(now);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
  return `E${stamp} ${String(KUBECTL_PID).padStart(7)} run.go:72] "command failed" err="required flag(s) \\"${flag}\\" not set"`;
}

const KUBECTL_PID = 4127;

function run(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  if (!env.flags.values.has('replicas')) return o.fail(requiredFlagMissing(env.ctx.cluster.now(), 'replicas')).result();
  const replicas = flagInt(env.flags, 'replicas') ?? -1;
  const current = flagInt(env.flags, 'current-replicas') ?? -1;
  if (replicas < 0) return o.fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0').result();
  if (current < -1) return o.fail('error: The --current-replicas must specify an integer of -1 or greater').result();
  const dry = dryRunOf(env.flags);
  if (!dry.ok) return o.fail(dry.message).result();
  if (env.args.length === 0) {
    return o
      .fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
      .result();
  }
  const found = findObjects(env, { selector: flagString(env.flags, 'selector'), all: flagBool(env.flags, 'all'), requireNames: true });
  if (!found.ok) return o.fail(found.message).result();
  if (found.items.length === 0) {
    if (found.errors.length > 0) return o.fail(`error: no objects passed to scale ${found.errors[0]!.replace(/^Error from server \(NotFound\): /, '')}`).result();
    return o.fail('error: no objects passed to scale').result();
  }
  const cluster = env.ctx.cluster;
  for (const it of found.items) {
    const kind = it.rt.modelled;
    const name = it.obj.metadata?.name ?? '';
    if (kind !== 'Deployment' && kind !== 'ReplicaSet') {
      return o.fail(`error: no scaler has been implemented for {"${it.rt.group}" "${it.rt.kind}"}`).result();
    }
    if (dry.value === 'client') {
      o.out(nameLine(it.rt, name, 'scaled', 'client'));
      continue;
    }
    const live = cluster.get(kind, it.obj.metadata?.namespace, name);
    if (live === undefined) return o.fail(`Error from server (NotFound): ${it.rt.resource}.${it.rt.group} "${name}" not found`).result();
    const have = live.spec?.replicas ?? 1;
    if (current !== -1 && current !== have) return o.fail(`error: Expected replicas to be ${current}, was ${have}`).result();
    let next = cloneJson(live) as Deployment;
    (next.spec as { replicas?: number }).replicas = replicas;
    if (kind === 'Deployment') next = recordChangeCause(next, changeCauseOf(env, 'scale'), recordFlag(env.flags));
    const res = cluster.replace(kind, next, { dryRun: dry.value === 'server' });
    if (!res.ok) return o.fail(res.message).result();
    o.out(nameLine(it.rt, name, 'scaled', dry.value));
  }
  for (const e of found.errors) o.fail(e);
  return o.result();
}

export const scaleCommand: Command = {
  path: 'scale',
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'all', type: 'bool' },
    { name: 'selector', shorthand: 'l', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'record', type: 'bool' },
  ],
  unsupported: [
    { name: 'filename', shorthand: 'f', type: 'string' },
    { name: 'kustomize', shorthand: 'k', type: 'string' },
    { name: 'output', shorthand: 'o', type: 'string' },
    { name: 'recursive', shorthand: 'R', type: 'bool' },
    { name: 'resource-version', type: 'string' },
    { name: 'template', type: 'string' },
  ],
  help: SCALE_HELP,
  run,
};
