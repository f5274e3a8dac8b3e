/**
 * `kubectl set resources (TYPE NAME | TYPE/NAME) [--limits=cpu=200m,memory=512Mi] [--requests=...]
 * [-c CONTAINER]`: pkg/cmd/set/set_resources.go. Quantities are parsed on the client and sent in
 * their canonical spelling (a patch of Go objects), so `2000m` is stored as `2`.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Container } from 'kubernetes-types/core/v1';
import type { AnyObject } from '../../cluster/api';
import { cloneJson, sameJson } from '../../cluster/json';
import { flagBool, flagString } from '../flags';
import { parseQuantity, quantityString } from '../printers/quantity';
import { podSpecOf } from './podTemplates';
import { globMatch } from './setEnv';
import { SET_RESOURCES_HELP } from './writeHelpTexts';
import { apiMessage, changeCauseOf, dryRunOf, findObjects, nameLine, recordChangeCause, recordFlag } from './writeUtil';
import { type Command, type CommandEnv, Output } from './types';

/** resource.ParseQuantity's errors. */
const QUANTITY_FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** populateResourceListV1: `cpu=100m,memory=256Mi` as canonical quantities, in the order given. */
function resourceList(spec: string): { ok: true; list: [string, string][] } | { ok: false; message: string } {
  const list: [string, string][] = [];
  if (spec === '') return { ok: true, list };
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) return { ok: false, message: `Invalid argument syntax ${statement}, expected <resource>=<value>` };
    const q = parseQuantity(parts[1]!);
    if (q === undefined) {
      return {
        ok: false,
        message: QUANTITY_FORMAT.test(parts[1]!) ? "unable to parse quantity's suffix" : "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      };
    }
    const at = list.findIndex(([name]) => name === parts[0]);
    if (at >= 0) list.splice(at, 1);
    list.push([parts[0]!, quantityString(q)]);
  }
  return { ok: true, list };
}

function run(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const { flags } = env;
  const selector = flagString(flags, 'selector') ?? '';
  const all = flagBool(flags, 'all');
  const limits = flagString(flags, 'limits') ?? '';
  const requests = flagString(flags, 'requests') ?? '';
  const dry = dryRunOf(flags);
  if (!dry.ok) return o.fail(dry.message).result();
  // Complete (the resource builder) runs before Validate's checks.
  if (env.args.length === 0 && !all && selector === '') {
    return o
      .fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
      .result();
  }
  const found = findObjects(env, { selector, all, requireNames: true });
  if (!found.ok) return o.fail(found.message).result();
  if (found.errors.length > 0) return o.fail(found.errors[0]!).result();
  if (all && selector !== '') return o.fail('error: cannot set --all and --selector at the same time').result();
  if (limits === '' && requests === '') return o.fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)').result();
  const lim = resourceList(limits);
  if (!lim.ok) return o.fail(`error: ${lim.message}`).result();
  const req = resourceList(requests);
  if (!req.ok) return o.fail(`error: ${req.message}`).result();

  const pattern = flagString(flags, 'containers') ?? '*';
  const errs: string[] = [];
  for (const it of found.items) {
    const kind = it.rt.modelled;
    const name = it.obj.metadata?.name ?? '';
    let next = cloneJson(it.obj) as AnyObject;
    const spec = podSpecOf(kind, next);
    if (spec === undefined) {
      errs.push(`error: ${it.rt.resource}${it.rt.group === '' ? '' : `.${it.rt.group}`}/${name} the object is not a pod or does not have a pod template: *v1.${it.rt.kind}\n`);
      continue;
    }
    const containers = [...spec.containers, ...(spec.initContainers ?? [])].filter((c: Container) => globMatch(pattern, c.name));
    if (containers.length === 0) {
      errs.push(`error: unable to find container named ${pattern}`);
      continue;
    }
    for (const c of containers) {
      const w = c as { resources?: { limits?: Record<string, string>; requests?: Record<string, string> } };
      const resources = (w.resources ??= {});
      if (lim.list.length > 0) resources.limits = { ...resources.limits, ...Object.fromEntries(lim.list) };
      if (req.list.length > 0) resources.requests = { ...resources.requests, ...Object.fromEntries(req.list) };
    }
    if (kind === 'Deployment') next = recordChangeCause(next as Deployment, changeCauseOf(env, 'set resources'), recordFlag(flags));
    if (sameJson(next, it.obj)) continue;
    if (dry.value === 'client') {
      o.out(nameLine(it.rt, name, 'resource requirements updated', 'client'));
      continue;
    }
    const res = env.ctx.cluster.replace(kind!, next, { dryRun: dry.value === 'server' });
    if (!res.ok) {
      errs.push(`failed to patch resources update to pod template ${apiMessage(res.message, it.rt.group)}`);
      continue;
    }
    o.out(nameLine(it.rt, name, 'resource requirements updated', dry.value));
  }
  // utilerrors.NewAggregate: one error alone, several as a bracketed list (then CheckErr's prefix).
  if (errs.length === 1) o.fail(errs[0]!.startsWith('error: ') ? errs[0]! : `error: ${errs[0]}`);
  else if (errs.length > 1) o.fail(`[${errs.join(', ')}]`);
  return o.result();
}

export const setResourcesCommand: Command = {
  path: 'set resources',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', shorthand: 'l', type: 'string' },
    { name: 'containers', shorthand: 'c', type: 'string' },
    { name: 'limits', type: 'string' },
    { name: 'requests', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'record', type: 'bool' },
  ],
  unsupported: [
    { name: 'filename', shorthand: 'f', type: 'string' },
    { name: 'kustomize', shorthand: 'k', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'output', shorthand: 'o', type: 'string' },
    { name: 'recursive', shorthand: 'R', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  help: SET_RESOURCES_HELP,
  run,
};
