/**
 * What the write commands share: finding their objects (TYPE NAME..., TYPE/NAME, -l, --all) with
 * the resource builder's messages, the printer's `TYPE/NAME OPERATION` line, --dry-run parsing,
 * and the change-cause annotation kubectl's recorder keeps up to date.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { cloneJson } from '../../cluster/json';
import { type ParsedFlags, flagBool } from '../flags';
import { type ResourceType, qualifiedSingular } from '../resources';
import { parseSelector } from '../selector';
import { type Fetched, fetch, resolveTargets } from './targets';
import type { CommandEnv } from './types';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export type Found = { ok: true; items: Fetched[]; errors: string[] } | { ok: false; message: string };

/**
 * The objects named on the command line. Named objects that do not exist become NotFound lines in
 * `errors` (the builder continues on error); `all` lets a bare TYPE mean every object.
 */
export function findObjects(env: CommandEnv, opts: { selector?: string; all?: boolean; requireNames?: boolean }): Found {
  const targets = resolveTargets(env.args);
  if (!targets.ok) return targets;
  const sel = parseSelector(opts.selector ?? '');
  if (!sel.ok) return { ok: false, message: `error: ${sel.error}` };
  const bare = targets.requests.some((r) => r.name === undefined);
  if (bare && opts.requireNames && !opts.all && (opts.selector ?? '') === '') {
    return { ok: false, message: 'error: resource(s) were provided, but no name was specified' };
  }
  const items: Fetched[] = [];
  const errors: string[] = [];
  for (const req of targets.requests) {
    const got = fetch(env.ctx.cluster, req, env.namespace, sel.reqs);
    if (got.error !== undefined) errors.push(got.error);
    items.push(...got.found);
  }
  return { ok: true, items, errors };
}

/** `deployment.apps/api scaled`: the name printer with an operation. */
export function nameLine(rt: ResourceType, name: string, operation: string, dryRun: DryRun = 'none'): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `${qualifiedSingular(rt)}/${name} ${operation}${suffix}\n`;
}

export type DryRun = 'none' | 'client' | 'server';

/** cmdutil.GetDryRunStrategy. */
export function dryRunOf(flags: ParsedFlags): { ok: true; value: DryRun } | { ok: false; message: string } {
  const v = flags.values.get('dry-run');
  if (v === undefined || v === 'none') return { ok: true, value: 'none' };
  if (v === 'client' || v === 'server') return { ok: true, value: v };
  return { ok: false, message: `error: Invalid dry-run value (${String(v)}). Must be "none", "server", or "client".` };
}

/**
 * The command line as kubectl's recorder writes it into kubernetes.io/change-cause: `kubectl`,
 * the positional words, then every flag that was set as ` --name=value`.
 */
export function changeCauseOf(env: CommandEnv, path: string): string {
  let flags = '';
  for (const [name, value] of env.flags.values) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      for (const v of value.split('\u0000')) flags += ` --${name}=${v}`;
    } else flags += ` --${name}=${String(value)}`;
  }
  const words = [...path.split(' '), ...env.args];
  return `kubectl ${words.join(' ')}${flags}`;
}

/**
 * kubectl's default recorder (no --record): update the change-cause annotation only where one
 * already exists. Returns a copy of `d` with the new annotation, or `d` itself.
 */
export function recordChangeCause<T extends Deployment>(d: T, cause: string, record?: boolean): T {
  if (record === false) return d;
  if (record !== true && d.metadata?.annotations?.[CHANGE_CAUSE] === undefined) return d;
  const copy = cloneJson(d) as T & { metadata: { annotations: Record<string, string> } };
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [CHANGE_CAUSE]: cause };
  return copy;
}

/** `--record`: true always records, false never, unset updates an existing annotation. */
export function recordFlag(flags: ParsedFlags): boolean | undefined {
  return flags.values.has('record') ? flagBool(flags, 'record') : undefined;
}

/**
 * The API server's own message inside a MutationResult's kubectl line, for commands that wrap it
 * (`failed to create secret secrets "x" already exists`): StatusError.Error() is the status
 * message, which for 422 reads `Secret "x" is invalid: cause` or `... is invalid: [a, b]`.
 */
export function apiMessage(kubectlLine: string, group: string): string {
  const m = /^Error from server \(\w+\): ([\s\S]*)$/.exec(kubectlLine);
  if (m !== null) return m[1]!;
  const inv = /^The (\S+) ("(?:[^"\\]|\\.)*") is invalid: ([\s\S]*)$/.exec(kubectlLine);
  if (inv !== null) {
    const kind = group === '' ? inv[1]! : `${inv[1]}.${group}`;
    const body = inv[3]!.startsWith('\n') ? `[${inv[3]!.slice(1).split('\n').map((l) => l.replace(/^\* /, '')).join(', ')}]` : inv[3]!;
    return `${kind} ${inv[2]} is invalid: ${body}`;
  }
  return kubectlLine.replace(/^error: /, '');
}
