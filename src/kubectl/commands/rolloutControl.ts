/**
 * `kubectl rollout restart|pause|resume (TYPE NAME | TYPE/NAME | TYPE -l SEL)`:
 * pkg/cmd/rollout and polymorphichelpers (ObjectRestarter, ObjectPauser, ObjectResumer).
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { cloneJson } from '../../cluster/json';
import { rfc3339 } from '../../cluster/format';
import { flagString } from '../flags';
import { ROLLOUT_PAUSE_HELP, ROLLOUT_RESTART_HELP, ROLLOUT_RESUME_HELP } from './writeHelpTexts';
import { findObjects, nameLine } from './writeUtil';
import { type Command, type CommandEnv, Output } from './types';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

type Verb = 'restart' | 'pause' | 'resume';

/** The change each verb makes to a deployment, or the error kubectl's helper returns. */
function change(verb: Verb, d: Deployment, now: number): { next: Deployment } | { error: string } {
  const next = cloneJson(d) as Deployment & { spec: { paused?: boolean; template: { metadata?: { annotations?: Record<string, string> } } } };
  if (verb === 'pause') {
    if (d.spec?.paused) return { error: 'is already paused' };
    next.spec.paused = true;
  } else if (verb === 'resume') {
    if (!d.spec?.paused) return { error: 'is not paused' };
    delete next.spec.paused;
  } else {
    if (d.spec?.paused) return { error: "can't restart paused deployment (run rollout resume first)" };
    const meta = (next.spec.template.metadata ??= {});
    meta.annotations = { ...(meta.annotations ?? {}), [RESTARTED_AT]: rfc3339(now) };
  }
  return { next };
}

const PAST: Record<Verb, string> = { restart: 'restarted', pause: 'paused', resume: 'resumed' };
const UNSUPPORTED: Record<Verb, string> = { restart: 'restarting is not supported', pause: 'pausing is not supported', resume: 'resuming is not supported' };

function run(env: CommandEnv, verb: Verb): ReturnType<Command['run']> {
  const o = new Output();
  if (env.args.length === 0) return o.fail('error: required resource not specified').result();
  const found = findObjects(env, { selector: flagString(env.flags, 'selector') });
  if (!found.ok) return o.fail(found.message).result();
  if (found.items.length === 0 && found.errors.length === 0) return o.err(`No resources found in ${env.namespace} namespace.\n`).result();
  const errs = [...found.errors];
  const cluster = env.ctx.cluster;
  for (const it of found.items) {
    const name = it.obj.metadata?.name ?? '';
    const resourceString = it.rt.group === '' ? it.rt.resource : `${it.rt.resource}.${it.rt.group}`;
    if (it.rt.modelled !== 'Deployment') {
      errs.push(`error: ${resourceString} "${name}" ${UNSUPPORTED[verb]}`);
      continue;
    }
    const c = change(verb, it.obj as Deployment, cluster.now());
    if ('error' in c) {
      errs.push(`error: ${resourceString} "${name}" ${c.error}`);
      continue;
    }
    const before = (it.obj as Deployment).spec?.template?.metadata?.annotations?.[RESTARTED_AT];
    if (verb === 'restart' && before === c.next.spec?.template?.metadata?.annotations?.[RESTARTED_AT]) {
      errs.push(`failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
      continue;
    }
    const res = cluster.replace('Deployment', c.next);
    if (!res.ok) {
      errs.push(`failed to patch: ${res.message.replace(/^Error from server \((\w+)\): /, '')}`);
      continue;
    }
    o.out(nameLine(it.rt, name, PAST[verb]));
  }
  for (const e of errs) o.fail(e.startsWith('error: ') || e.startsWith('Error from server') ? e : `error: ${e}`);
  return o.result();
}

const FLAGS = [
  { name: 'selector', shorthand: 'l', type: 'string' as const },
  { name: 'field-manager', type: 'string' as const },
];
const UNSUPPORTED_FLAGS = [
  { name: 'filename', shorthand: 'f', type: 'string' as const },
  { name: 'kustomize', shorthand: 'k', type: 'string' as const },
  { name: 'output', shorthand: 'o', type: 'string' as const },
  { name: 'recursive', shorthand: 'R', type: 'bool' as const },
  { name: 'template', type: 'string' as const },
];

export const rolloutRestartCommand: Command = { path: 'rollout restart', flags: FLAGS, unsupported: UNSUPPORTED_FLAGS, help: ROLLOUT_RESTART_HELP, run: (env) => run(env, 'restart') };
export const rolloutPauseCommand: Command = { path: 'rollout pause', flags: FLAGS, unsupported: UNSUPPORTED_FLAGS, help: ROLLOUT_PAUSE_HELP, run: (env) => run(env, 'pause') };
export const rolloutResumeCommand: Command = { path: 'rollout resume', flags: FLAGS, unsupported: UNSUPPORTED_FLAGS, help: ROLLOUT_RESUME_HELP, run: (env) => run(env, 'resume') };
