/**
 * `kubectl describe TYPE [NAME_PREFIX]`: describes one object, every object of a type, or —
 * when `TYPE NAME` names nothing — every object whose name starts with NAME, as kubectl does.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Endpoints, Namespace, Node, Pod, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../cluster/api';
import { noResources } from '../errors';
import { type FlagSpec, flagBool, flagString } from '../flags';
import {
  describeConfigMap,
  describeDeployment,
  describeEndpoints,
  describeJob,
  describeNamespace,
  describeNode,
  describePod,
  describeReplicaSet,
  describeSecret,
  describeService,
  describeServiceAccount,
} from '../printers/index';
import type { ResourceType } from '../resources';
import { parseSelector } from '../selector';
import { DESCRIBE_HELP } from './helpTexts';
import { type Fetched, fetch, resolveTargets } from './targets';
import { type Command, type CommandEnv, Output } from './types';

const flags: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
  { name: 'selector', shorthand: 'l', type: 'string' },
  { name: 'show-events', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
];

const MISSING_TYPE =
  'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.';

/** The describer for a type, or undefined when Firedrill has none. */
function describer(rt: ResourceType): ((view: ClusterView, f: Fetched) => string) | undefined {
  switch (rt.modelled) {
    case 'Pod':
      return (v, f) => describePod(v, f.obj as Pod);
    case 'Deployment':
      return (v, f) => describeDeployment(v, f.obj as Deployment);
    case 'ReplicaSet':
      return (v, f) => describeReplicaSet(v, f.obj as ReplicaSet);
    case 'Service':
      return (v, f) => describeService(v, f.obj as Service);
    case 'Job':
      return (v, f) => describeJob(v, f.obj as Job);
    case 'Endpoints':
      return (v, f) => describeEndpoints(v, f.obj as Endpoints);
    case 'ConfigMap':
      return (v, f) => describeConfigMap(v, f.obj as ConfigMap);
    case 'Secret':
      return (_v, f) => describeSecret(f.obj as Secret);
    case 'Namespace':
      return (_v, f) => describeNamespace(f.obj as Namespace);
    case 'Node':
      return (v, f) => describeNode(v, f.obj as Node);
    case 'ServiceAccount':
      return (v, f) => describeServiceAccount(v, f.obj as ServiceAccount);
    default:
      return undefined;
  }
}

function noDescriber(rt: ResourceType): string {
  return `error: describing ${rt.resource} is not simulated in Firedrill yet (try kubectl get ${rt.resource} -o yaml)`;
}

function runDescribe(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const view = env.ctx.cluster;
  if (env.args.length === 0) return o.fail(MISSING_TYPE).result();
  const targets = resolveTargets(env.args);
  if (!targets.ok) return o.fail(targets.message).result();
  const allNs = flagBool(env.flags, 'all-namespaces');
  const sel = parseSelector(flagString(env.flags, 'selector') ?? '');
  if (!sel.ok) return o.fail(`error: ${sel.error}`).result();
  const ns = allNs ? undefined : env.namespace;

  const infos: Fetched[] = [];
  const errors: string[] = [];
  for (const req of targets.requests) {
    const got = fetch(view, req, ns, sel.reqs);
    infos.push(...got.found);
    if (got.error !== undefined) errors.push(got.error);
  }

  // `describe TYPE NAME` with no such object: describe every object whose name has that prefix.
  const first = targets.requests[0]!;
  if (errors.length > 0 && env.args.length === 2 && !env.args[0]!.includes('/') && first.name !== undefined) {
    const d = describer(first.rt);
    const all = fetch(view, { rt: first.rt }, env.namespace, []).found;
    const hits = all.filter((x) => (x.obj.metadata?.name ?? '').startsWith(first.name!));
    if (hits.length === 0) return o.fail(errors[0]!).result();
    if (d === undefined) return o.fail(noDescriber(first.rt)).result();
    for (const h of hits) o.out(`${d(view, h)}\n`);
    return o.result();
  }

  let printed = false;
  const seen = new Set<string>();
  for (const info of infos) {
    const d = describer(info.rt);
    if (d === undefined) {
      const msg = noDescriber(info.rt);
      if (!seen.has(msg)) errors.push(msg);
      seen.add(msg);
      continue;
    }
    o.out(printed ? `\n\n${d(view, info)}` : d(view, info));
    printed = true;
  }
  if (infos.length === 0 && errors.length === 0) o.err(noResources(allNs ? undefined : env.namespace));
  if (errors.length > 0) o.fail(errors.join('\n'));
  return o.result();
}

export const describeCommand: Command = {
  path: 'describe',
  flags,
  unsupported: [{ name: 'filename', shorthand: 'f', type: 'string' }],
  help: DESCRIBE_HELP,
  run: runDescribe,
};
