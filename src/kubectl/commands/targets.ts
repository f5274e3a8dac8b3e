/**
 * Turns `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...` into what to fetch, with the resource
 * builder's rules and messages (kubectl's get, describe and rollout share them).
 */
import type { AnyObject, ClusterView } from '../../cluster/api';
import { notFoundMessage, noResourceType } from '../errors';
import { RESOURCE_TYPES, type ResourceType, resolveResource } from '../resources';
import { type FieldTerm, fieldsMatch } from '../fieldSelector';
import { type Requirement, matches } from '../selector';

export interface Request {
  rt: ResourceType;
  /** Absent: every object of the type (filtered by the selector). */
  name?: string;
}

export type Targets =
  | { ok: true; requests: Request[]; singleItemImplied: boolean }
  /** `message` is complete (with `error: ` where kubectl adds it). */
  | { ok: false; message: string };

/** The `all` category: what `kubectl get all` lists, in discovery order. */
const ALL_CATEGORY = [
  'pods',
  'replicationcontrollers',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'horizontalpodautoscalers',
  'cronjobs',
  'jobs',
];

function resolveList(typed: string): { ok: true; types: ResourceType[] } | { ok: false; message: string } {
  const types: ResourceType[] = [];
  for (const part of typed.split(',')) {
    if (part === '') continue;
    if (part.toLowerCase() === 'all') {
      for (const r of ALL_CATEGORY) types.push(RESOURCE_TYPES.find((t) => t.resource === r)!);
      continue;
    }
    const rt = resolveResource(part);
    if (rt === undefined) return { ok: false, message: noResourceType(part) };
    if (!types.includes(rt)) types.push(rt);
  }
  return { ok: true, types };
}

export function resolveTargets(args: readonly string[]): Targets {
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== args.length) {
      return {
        ok: false,
        message:
          "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      };
    }
    const requests: Request[] = [];
    for (const a of args) {
      const seg = a.split('/');
      if (seg.length !== 2) return { ok: false, message: 'error: arguments in resource/name form may not have more than one slash' };
      const [type, name] = seg as [string, string];
      if (type === '' || name === '' || type.includes(',')) {
        return { ok: false, message: 'error: arguments in resource/name form must have a single resource and name' };
      }
      const rt = resolveResource(type);
      if (rt === undefined) return { ok: false, message: noResourceType(type) };
      requests.push({ rt, name });
    }
    return { ok: true, requests, singleItemImplied: requests.length === 1 };
  }
  const [typed, ...names] = args;
  if (typed === undefined) return { ok: false, message: 'error: required resource not specified' };
  const list = resolveList(typed);
  if (!list.ok) return list;
  if (list.types.length === 0) return { ok: false, message: 'error: resource(s) were provided, but no name was specified' };
  if (names.length === 0) return { ok: true, requests: list.types.map((rt) => ({ rt })), singleItemImplied: false };
  if (list.types.length > 1) return { ok: false, message: 'error: you must specify only one resource' };
  const rt = list.types[0]!;
  return { ok: true, requests: names.map((name) => ({ rt, name })), singleItemImplied: names.length === 1 };
}

export interface Fetched {
  rt: ResourceType;
  obj: AnyObject;
}

/**
 * Fetches one request. `namespace` undefined means all namespaces. A named object that does not
 * exist gives the API server's NotFound line.
 */
export function fetch(
  view: ClusterView,
  req: Request,
  namespace: string | undefined,
  selector: readonly Requirement[],
  fields: readonly FieldTerm[] = [],
): { found: Fetched[]; error?: string } {
  const { rt } = req;
  const got = fetchObjects(view, req, namespace, selector, fields);
  return got.error === undefined ? { found: got.objs.map((obj) => ({ rt, obj })) } : { found: [], error: got.error };
}

/**
 * The same, as the objects alone (all of type `req.rt`): a list of every object of a type is the
 * store's own list when nothing filters it, with no copy (tables of 10,000 pods).
 */
export function fetchObjects(
  view: ClusterView,
  req: Request,
  namespace: string | undefined,
  selector: readonly Requirement[],
  fields: readonly FieldTerm[] = [],
): { objs: readonly AnyObject[]; error?: string } {
  const { rt } = req;
  const ns = rt.namespaced ? namespace : undefined;
  if (req.name !== undefined) {
    const obj = rt.modelled === undefined ? undefined : view.get(rt.modelled, ns, req.name);
    if (obj === undefined) return { objs: [], error: notFoundMessage(rt, req.name) };
    return { objs: [obj] };
  }
  if (rt.modelled === undefined) return { objs: [] };
  const all = view.list(rt.modelled, ns);
  if (selector.length === 0 && fields.length === 0) return { objs: all };
  return { objs: all.filter((o) => matches(selector, o.metadata?.labels) && fieldsMatch(rt, fields, o)) };
}
