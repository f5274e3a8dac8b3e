/**
 * `kubectl delete (TYPE NAME... | TYPE/NAME... | TYPE -l SEL | TYPE --all)`: pkg/cmd/delete.
 * Prints `pod "x" deleted` per object, then (unless --wait=false) keeps the prompt until the
 * objects are gone, as kubectl's wait for deletion does.
 */
import type { DeleteOptions } from '../../cluster/api';
import type { FollowUpdate } from '../api';
import { PollGrid } from '../follow';
import { flagError } from '../errors';
import { parseGoDuration } from '../goDuration';
import { flagBool, flagInt, flagString } from '../flags';
import { DELETE_HELP } from './writeHelpTexts';
import { dryRunOf, findObjects } from './writeUtil';
import { type Command, type CommandEnv, Output } from './types';

const MISSING_RESOURCES =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

const IMMEDIATE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** How often a waiting delete looks whether its objects are gone (sim ms). */
const WAIT_POLL_MS = 250;

function run(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const { flags } = env;
  const output = flagString(flags, 'output') ?? '';
  const all = flagBool(flags, 'all');
  const selector = flagString(flags, 'selector') ?? '';
  const force = flagBool(flags, 'force');
  let grace = flagInt(flags, 'grace-period') ?? -1;
  if (flagBool(flags, 'now')) {
    if (grace !== -1) return o.fail('error: --now and --grace-period cannot be specified together').result();
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const timeoutText = flagString(flags, 'timeout');
  const timeout = timeoutText === undefined ? ({ ok: true, ms: 0 } as const) : parseGoDuration(timeoutText);
  if (!timeout.ok) return flagError('delete', `invalid argument "${timeoutText}" for "--timeout" flag: ${timeout.error}`);
  const timeoutMs = timeout.ms;
  const dry = dryRunOf(flags);
  if (!dry.ok) return o.fail(dry.message).result();
  const cascadeRaw = flagString(flags, 'cascade') ?? 'background';
  const cascade = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' }[cascadeRaw] as
    | DeleteOptions['propagationPolicy']
    | undefined;
  if (cascade === undefined) {
    return o.fail(`error: invalid cascade value (${cascadeRaw}). Must be "background", "foreground", or "orphan"`).result();
  }

  if (env.args.length === 0) return o.fail(MISSING_RESOURCES).result();
  if (output !== '' && output !== 'name') return o.fail(`error: unexpected -o output mode: ${output}. We only support '-o name'`).result();
  // The resource builder (in Complete) refuses this before Validate's own check could.
  if (all && selector !== '') return o.fail("error: setting 'all' parameter but found a non empty selector. ").result();
  if (grace === 0 && force) o.warn(IMMEDIATE_WARNING);
  else if (grace > 0 && force) return o.fail('error: --force and --grace-period greater than 0 cannot be specified together').result();

  const found = findObjects(env, { selector, all, requireNames: true });
  if (!found.ok) return o.fail(found.message).result();
  const ignoreNotFound = flags.values.has('ignore-not-found') ? flagBool(flags, 'ignore-not-found') : all || selector !== '';
  const errors = ignoreNotFound ? [] : [...found.errors];

  const cluster = env.ctx.cluster;
  const waitFor: { kind: NonNullable<(typeof found.items)[number]['rt']['modelled']>; resource: string; ns: string | undefined; name: string; uid: string | undefined }[] = [];
  // kubectl counts a named object as found before its DELETE answers NotFound.
  let deleted = found.errors.length;
  for (const it of found.items) {
    const kind = it.rt.modelled!;
    const name = it.obj.metadata?.name ?? '';
    if (kind === 'Node') {
      errors.push(`error: deleting ${it.rt.resource} is not simulated in Firedrill (kubectl delete supports it on a real cluster)`);
      continue;
    }
    deleted++;
    const kindString = it.rt.group === '' ? it.rt.kind.toLowerCase() : `${it.rt.kind.toLowerCase()}.${it.rt.group}`;
    const line = (): void => {
      if (output === 'name') {
        o.out(`${kindString}/${name}\n`);
        return;
      }
      const op = grace === 0 ? 'force deleted' : 'deleted';
      const suffix = dry.value === 'client' ? ' (dry run)' : dry.value === 'server' ? ' (server dry run)' : '';
      o.out(`${kindString} "${name}" ${op}${suffix}\n`);
    };
    if (dry.value === 'client') {
      line();
      continue;
    }
    const opts: DeleteOptions = { propagationPolicy: cascade };
    if (grace >= 0) opts.gracePeriodSeconds = grace;
    if (dry.value === 'server') opts.dryRun = true;
    const res = cluster.delete(kind, it.obj.metadata?.namespace, name, opts);
    if (!res.ok) {
      if (!(ignoreNotFound && res.message.includes('(NotFound)'))) errors.push(res.message);
      continue;
    }
    line();
    waitFor.push({ kind, resource: it.rt.resource, ns: it.obj.metadata?.namespace, name, uid: it.obj.metadata?.uid });
  }
  for (const e of errors) o.fail(e);
  if (deleted === 0 && errors.length === 0) return o.out('No resources found\n').result();

  const wait = flagBool(flags, 'wait', true);
  const present = (w: (typeof waitFor)[number]): boolean => cluster.get(w.kind, w.ns, w.name)?.metadata?.uid === w.uid;
  const gone = (): boolean => !waitFor.some(present);
  const deadline = timeoutMs > 0 ? cluster.now() + timeoutMs : Infinity;
  if (!wait || dry.value !== 'none' || waitFor.length === 0 || gone()) return o.result();
  const grid = new PollGrid(cluster.now(), WAIT_POLL_MS);
  const exitCode = o.exitCode;
  let stopped = false;
  return {
    ...o.result(),
    follow: {
      nextAt: () => grid.nextAt(),
      poll(): FollowUpdate {
        grid.passed(cluster.now());
        if (stopped) return { stdout: '', stderr: '', done: true, exitCode };
        if (gone()) return { stdout: '', stderr: '', done: true, exitCode };
        if (cluster.now() >= deadline) {
          const w = waitFor.find(present)!;
          return { stdout: '', stderr: `error: timed out waiting for the condition on ${w.resource}/${w.name}\n`, done: true, exitCode: 1 };
        }
        return { stdout: '', stderr: '' };
      },
      stop(): void {
        stopped = true;
      },
    },
  };
}

export const deleteCommand: Command = {
  path: 'delete',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', shorthand: 'l', type: 'string' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', shorthand: 'o', type: 'string' },
    { name: 'cascade', type: 'string' },
    { name: 'timeout', type: 'string' },
  ],
  unsupported: [
    { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
    { name: 'field-selector', type: 'string' },
    { name: 'filename', shorthand: 'f', type: 'string' },
    { name: 'interactive', shorthand: 'i', type: 'bool' },
    { name: 'kustomize', shorthand: 'k', type: 'string' },
    { name: 'raw', type: 'string' },
    { name: 'recursive', shorthand: 'R', type: 'bool' },
  ],
  help: DELETE_HELP,
  run,
};
