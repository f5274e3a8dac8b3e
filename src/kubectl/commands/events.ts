/** `kubectl events`: events sorted by when they last happened, optionally for one object. */
import type { Event } from 'kubernetes-types/core/v1';
import { type FlagSpec, flagBool, flagString } from '../flags';
import { printEventsCommand, printEventsYaml } from '../printers/index';
import { resolveResource } from '../resources';
import { noResourceType } from '../errors';
import { EVENTS_HELP } from './helpTexts';
import { runEventsWatch } from './eventsWatch';
import { type Command, type CommandEnv, Output } from './types';

const flags: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
  { name: 'for', type: 'string' },
  { name: 'types', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
  { name: 'output', shorthand: 'o', type: 'string' },
  { name: 'watch', shorthand: 'w', type: 'bool' },
];

/** What kubectl events' printer flags accept (its error lists them). */
const OUTPUT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

function runEvents(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const f = env.flags;
  const allNs = flagBool(f, 'all-namespaces');
  const output = flagString(f, 'output') ?? '';
  if (output !== '' && output !== 'yaml' && output !== 'name') {
    if (OUTPUT_FORMATS.split(',').includes(output)) return o.fail(`error: -o ${output} is not simulated in Firedrill (kubectl events supports it on a real cluster)`).result();
    return o.fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}`).result();
  }
  const types = (flagString(f, 'types') ?? '').split(',').filter((t) => t !== '');
  if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) {
    return o.fail('error: valid --types are Normal or Warning').result();
  }
  let forKind: string | undefined;
  let forName: string | undefined;
  const forArg = flagString(f, 'for');
  if (forArg !== undefined && forArg !== '') {
    const seg = forArg.split('/');
    if (seg.length === 1) return o.fail('error: --for must be in resource/name form').result();
    if (seg.length > 2) return o.fail('error: arguments in resource/name form may not have more than one slash').result();
    const rt = resolveResource(seg[0]!);
    if (rt === undefined) return o.fail(noResourceType(seg[0]!.toLowerCase())).result();
    forKind = rt.kind;
    forName = seg[1];
  }
  const keep = (e: Event): boolean =>
    (types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase())) &&
    (forName === undefined || (e.involvedObject.kind === forKind && e.involvedObject.name === forName));
  if (flagBool(f, 'watch')) {
    if (output !== '') return o.fail(`error: --watch with -o ${output} is not simulated in Firedrill; use the default table`).result();
    return runEventsWatch({ cluster: env.ctx.cluster, namespace: allNs ? undefined : env.namespace, keep, noHeaders: flagBool(f, 'no-headers') });
  }
  const events = env.ctx.cluster.list('Event', allNs ? undefined : env.namespace).filter(keep);
  if (events.length === 0) {
    return o.err(allNs ? 'No events found.\n' : `No events found in ${env.namespace} namespace.\n`).result();
  }
  // kubectl 1.32's `events -o name` prints nothing at all (checked against the real binary).
  if (output === 'name') return o.result();
  if (output === 'yaml') return o.out(printEventsYaml(events)).result();
  // The printer sorts as kubectl does (Go's unstable sort decides ties), so pass the API order.
  let text = printEventsCommand(events, { now: env.ctx.cluster.now(), withNamespace: allNs });
  if (flagBool(f, 'no-headers')) text = text.slice(text.indexOf('\n') + 1);
  return o.out(text).result();
}

export const eventsCommand: Command = {
  path: 'events',
  flags,
  help: EVENTS_HELP,
  run: runEvents,
};
