/** `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE...`: pkg/cmd/set/set_image.go. */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { AnyObject } from '../../cluster/api';
import { cloneJson, sameJson } from '../../cluster/json';
import { flagBool, flagString } from '../flags';
import { podSpecOf } from './podTemplates';
import { SET_IMAGE_HELP } from './writeHelpTexts';
import { changeCauseOf, dryRunOf, findObjects, nameLine, recordChangeCause, recordFlag } from './writeUtil';
import { type Command, type CommandEnv, Output } from './types';

function run(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const resources = env.args.filter((a) => !a.includes('='));
  const pairs = env.args.filter((a) => a.includes('='));
  const selector = flagString(env.flags, 'selector') ?? '';
  const all = flagBool(env.flags, 'all');
  // The resource builder runs (in Complete) before Validate's checks.
  if (resources.length === 0 && !all && selector === '') {
    return o
      .fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
      .result();
  }
  const problems: string[] = [];
  if (all && selector !== '') problems.push('cannot set --all and --selector at the same time');
  if (resources.length === 0) problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (pairs.length === 0) problems.push('at least one image update is required');
  const images = new Map<string, string>();
  for (const p of pairs) {
    const i = p.indexOf('=');
    images.set(p.slice(0, i), p.slice(i + 1));
  }
  if (images.has('*') && images.size > 1) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (problems.length === 1) return o.fail(`error: ${problems[0]}`).result();
  if (problems.length > 1) return o.fail(`[${problems.join(', ')}]`).result();
  const dry = dryRunOf(env.flags);
  if (!dry.ok) return o.fail(dry.message).result();
  const found = findObjects({ ...env, args: resources }, { selector, all, requireNames: true });
  if (!found.ok) return o.fail(found.message).result();
  if (found.errors.length > 0) return o.fail(found.errors[0]!).result();
  const errs: string[] = [];
  for (const it of found.items) {
    const kind = it.rt.modelled;
    const name = it.obj.metadata?.name ?? '';
    let next = cloneJson(it.obj) as AnyObject;
    const spec = podSpecOf(kind, next);
    if (spec === undefined) {
      errs.push(`error: ${it.rt.resource}${it.rt.group === '' ? '' : `.${it.rt.group}`}/${name} the object is not a pod or does not have a pod template: *v1.${it.rt.kind}`);
      continue;
    }
    for (const [container, image] of images) {
      let hit = false;
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        if (container === '*' || c.name === container) {
          (c as { image?: string }).image = image;
          hit = true;
        }
      }
      if (!hit) errs.push(`error: unable to find container named "${container}"`);
    }
    if (kind === 'Deployment') next = recordChangeCause(next as Deployment, changeCauseOf(env, 'set image'), recordFlag(env.flags));
    if (sameJson(next, it.obj)) continue;
    if (dry.value === 'client') {
      o.out(nameLine(it.rt, name, 'image updated', 'client'));
      continue;
    }
    const res = env.ctx.cluster.replace(kind!, next, { dryRun: dry.value === 'server' });
    if (!res.ok) {
      errs.push(`failed to patch image update to pod template: ${res.message.replace(/^Error from server \((\w+)\): /, '')}`);
      continue;
    }
    o.out(nameLine(it.rt, name, 'image updated', dry.value));
  }
  for (const e of errs) o.fail(e.startsWith('error: ') ? e : `error: ${e}`);
  return o.result();
}

export const setImageCommand: Command = {
  path: 'set image',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', shorthand: 'l', type: 'string' },
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
  help: SET_IMAGE_HELP,
  run,
};
