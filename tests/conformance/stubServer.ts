/**
 * A loopback stand-in for kube-apiserver that serves a ClusterView's objects to real kubectl:
 * discovery, GET of objects and lists (labelSelector, fieldSelector), pod logs, and 404 Status
 * bodies. Just enough of the API for kubectl's client-side printers (describe, -o yaml|json|name,
 * rollout history, events, logs). When kubectl asks for `as=Table` it gets a meta.k8s.io Table whose
 * cells come from our server-side table definitions (kube-apiserver's printers.go), measured at the
 * wall clock as the real server does; kubectl's client-side table work (-A column, --show-labels,
 * kind/ prefixes, --no-headers, column layout) is then the oracle's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnyObject, ClusterView, Kind, LogOptions } from '../../src/cluster/api';
import { CLUSTER_SCOPED } from '../../src/cluster/api';
import { fieldsMatch, parseFieldSelector, unsupportedField } from '../../src/kubectl/fieldSelector';
import { tableDef } from '../../src/kubectl/printers/table';
import { nodeLease } from '../../src/cluster/objects/nodeLease';
import { resolveResource } from '../../src/kubectl/resources';
import { openapiV3 } from './openapiStub';

interface ResourceInfo {
  kind: Kind;
  resource: string;
  groupVersion: string;
  shortNames?: string[];
  /** Discovery categories (`all` is what `kubectl get all` expands). */
  categories?: string[];
}

const RESOURCES: ResourceInfo[] = [
  { kind: 'Namespace', resource: 'namespaces', groupVersion: 'v1', shortNames: ['ns'] },
  { kind: 'Node', resource: 'nodes', groupVersion: 'v1', shortNames: ['no'] },
  { kind: 'Pod', resource: 'pods', groupVersion: 'v1', shortNames: ['po'], categories: ['all'] },
  { kind: 'Service', resource: 'services', groupVersion: 'v1', shortNames: ['svc'], categories: ['all'] },
  { kind: 'Endpoints', resource: 'endpoints', groupVersion: 'v1', shortNames: ['ep'] },
  { kind: 'Event', resource: 'events', groupVersion: 'v1', shortNames: ['ev'] },
  { kind: 'Secret', resource: 'secrets', groupVersion: 'v1' },
  { kind: 'ServiceAccount', resource: 'serviceaccounts', groupVersion: 'v1', shortNames: ['sa'] },
  { kind: 'ConfigMap', resource: 'configmaps', groupVersion: 'v1', shortNames: ['cm'] },
  { kind: 'Deployment', resource: 'deployments', groupVersion: 'apps/v1', shortNames: ['deploy'], categories: ['all'] },
  { kind: 'ReplicaSet', resource: 'replicasets', groupVersion: 'apps/v1', shortNames: ['rs'], categories: ['all'] },
  { kind: 'EndpointSlice', resource: 'endpointslices', groupVersion: 'discovery.k8s.io/v1' },
  { kind: 'Job', resource: 'jobs', groupVersion: 'batch/v1', categories: ['all'] },
];

const GROUPS = ['apps', 'discovery.k8s.io', 'batch'];

function resourceList(groupVersion: string): unknown {
  const resources = RESOURCES.filter((r) => r.groupVersion === groupVersion).flatMap((r) => {
    const base = {
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: !CLUSTER_SCOPED.has(r.kind),
      kind: r.kind,
      verbs: ['get', 'list'],
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    };
    return r.kind === 'Pod' ? [base, { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }] : [base];
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** Selector terms `k=v`, `k==v`, `k!=v`, `k` and `!k` (enough for what kubectl sends). */
function parseSelector(text: string): ((get: (key: string) => string | undefined) => boolean)[] {
  if (!text) return [];
  return text.split(',').map((term) => {
    const ne = term.indexOf('!=');
    if (ne > 0) {
      const k = term.slice(0, ne);
      const v = term.slice(ne + 2);
      return (get) => get(k) !== v;
    }
    const eq = term.indexOf('=');
    if (eq > 0) {
      const k = term.slice(0, eq);
      const v = term.slice(term[eq + 1] === '=' ? eq + 2 : eq + 1);
      return (get) => get(k) === v;
    }
    if (term.startsWith('!')) return (get) => get(term.slice(1)) === undefined;
    return (get) => get(term) !== undefined;
  });
}

/** kube-apiserver's response to `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */
function asTable(kind: Kind, items: readonly AnyObject[], includeObject: boolean): unknown {
  const def = tableDef(kind);
  // Whole seconds, so the comparison can reproduce the instant (event times carry fractions).
  const now = Math.floor(Date.now() / 1000) * 1000;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: def.columns.map((c) => ({
      name: c.name,
      type: 'string',
      format: c.isName ? 'name' : '',
      description: '',
      priority: c.wide ? 1 : 0,
    })),
    rows: items.map((o) => ({
      // The def is keyed by kind and the items are that kind's objects.
      cells: (def.row as (obj: AnyObject, now: number) => string[])(o, now),
      // `--sort-by` asks for includeObject=Object: kubectl sorts on the full objects.
      object: includeObject ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

function status(code: number, reason: string, message: string, details?: Record<string, string>): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export interface StubServer {
  url: string;
  /** Every request path (with query) served, for debugging. */
  requests: string[];
  close(): Promise<void>;
}

/** More of the API than the core objects: a group (e.g. metrics.k8s.io/v1beta1) and its routes. */
export interface ExtraApi {
  group: string;
  version: string;
  /** Answers a request path under /apis/GROUP/VERSION, or undefined for a 404. */
  route(path: string, query: URLSearchParams): { code: number; body: unknown } | undefined;
}

export async function startStubServer(view: ClusterView, extra?: ExtraApi): Promise<StubServer> {
  const requests: string[] = [];
  const send = (res: ServerResponse, code: number, body: unknown): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://stub');
    requests.push(url.pathname + url.search);
    const path = url.pathname.replace(/\/$/, '');
    if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
    if (path === '/apis') {
      return send(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [
          ...GROUPS.map((g) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } })),
          ...(extra ? [{ name: extra.group, versions: [{ groupVersion: `${extra.group}/${extra.version}`, version: extra.version }], preferredVersion: { groupVersion: `${extra.group}/${extra.version}`, version: extra.version } }] : []),
        ],
      });
    }
    if (extra && path.startsWith(`/apis/${extra.group}/${extra.version}`)) {
      const r = extra.route(path.slice(`/apis/${extra.group}/${extra.version}`.length), url.searchParams);
      return r === undefined ? send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource')) : send(res, r.code, r.body);
    }
    if (path === '/api/v1') return send(res, 200, resourceList('v1'));
    const gm = /^\/apis\/([^/]+)\/v1$/.exec(path);
    if (gm) return send(res, 200, resourceList(`${gm[1]}/v1`));
    const openapi = path.startsWith('/openapi/') ? openapiV3(path) : undefined;
    if (openapi !== undefined) return send(res, 200, openapi);
    if (path === '/version') return send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.2', platform: 'linux/amd64' });

    // /api/v1[/namespaces/NS]/RESOURCE[/NAME[/log]] and /apis/G/v1/...
    const m = /^\/(?:api\/v1|apis\/([^/]+)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
    if (!m) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const [, group, nsFromPath, resource, name, sub] = m;
    // `/api/v1/namespaces/NAME` addresses a namespace itself.
    let ns = nsFromPath;
    let resName = resource!;
    let objName = name;
    if (nsFromPath !== undefined && resource === undefined) {
      resName = 'namespaces';
      objName = nsFromPath;
      ns = undefined;
    }
    const gv = group ? `${group}/v1` : 'v1';
    const wantsTable = (req.headers.accept ?? '').includes('as=Table');
    const includeObject = url.searchParams.get('includeObject') === 'Object';
    // describe namespace lists quotas and limit ranges; no world has any.
    if (gv === 'v1' && (resName === 'resourcequotas' || resName === 'limitranges') && objName === undefined) {
      const kind = resName === 'resourcequotas' ? 'ResourceQuotaList' : 'LimitRangeList';
      return send(res, 200, { kind, apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] });
    }
    // describe node reads the kubelet's Lease; the stub derives it at the wall clock, as kubectl reads it.
    if (gv === 'coordination.k8s.io/v1' && resName === 'leases' && objName !== undefined) {
      const node = view.get('Node', undefined, objName);
      if (node) return send(res, 200, nodeLease(node, Date.now()));
      return send(res, 404, status(404, 'NotFound', `leases.coordination.k8s.io "${objName}" not found`, { name: objName, group: 'coordination.k8s.io', kind: 'leases' }));
    }
    const info = RESOURCES.find((r) => r.resource === resName && r.groupVersion === gv);
    if (!info) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));

    if (objName !== undefined) {
      const obj = view.get(info.kind, CLUSTER_SCOPED.has(info.kind) ? undefined : ns, objName);
      if (!obj) {
        // kube-apiserver names the resource with its group: `deployments.apps "x" not found`.
        const qualified = group ? `${info.resource}.${group}` : info.resource;
        return send(res, 404, status(404, 'NotFound', `${qualified} "${objName}" not found`, { name: objName, ...(group ? { group } : {}), kind: info.resource }));
      }
      if (sub === 'log' && info.kind === 'Pod') {
        const container = url.searchParams.get('container') ?? undefined;
        const previous = url.searchParams.get('previous') === 'true';
        // PodLogOptions as the kubelet applies them (sinceSeconds counts back from the server's now).
        const q = url.searchParams;
        const opts: LogOptions = {};
        if (q.get('timestamps') === 'true') opts.timestamps = true;
        if (q.has('tailLines')) opts.tailLines = Number(q.get('tailLines'));
        if (q.has('limitBytes')) opts.limitBytes = Number(q.get('limitBytes'));
        if (q.has('sinceSeconds')) opts.sinceMs = view.now() - Number(q.get('sinceSeconds')) * 1000;
        if (q.has('sinceTime')) opts.sinceMs = Date.parse(q.get('sinceTime')!);
        const r = view.logs(ns ?? '', objName, container, previous, Object.keys(opts).length > 0 ? opts : undefined);
        if (r.ok) return send(res, 200, r.text);
        return send(res, r.status, status(r.status, r.reason, r.message));
      }
      if (sub !== undefined) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
      if (wantsTable) return send(res, 200, asTable(info.kind, [obj], includeObject));
      return send(res, 200, obj);
    }

    const labelTerms = parseSelector(url.searchParams.get('labelSelector') ?? '');
    // Which fields each type indexes is the API server's (mirrored from its registries in
    // src/kubectl/fieldSelector.ts); kubectl wraps the BadRequest in its own message.
    const rt = resolveResource(info.resource)!;
    const fields = parseFieldSelector(url.searchParams.get('fieldSelector') ?? '');
    if (!fields.ok) return send(res, 400, status(400, 'BadRequest', fields.error));
    const badField = unsupportedField(rt, fields.terms);
    if (badField !== undefined) return send(res, 400, status(400, 'BadRequest', `field label not supported: ${badField}`));
    const items = view.list(info.kind, CLUSTER_SCOPED.has(info.kind) ? undefined : ns).filter((o) => {
      const labels = (o.metadata?.labels ?? {}) as Record<string, string>;
      return labelTerms.every((t) => t((k) => labels[k])) && fieldsMatch(rt, fields.terms, o);
    });
    if (wantsTable) return send(res, 200, asTable(info.kind, items, includeObject));
    return send(res, 200, { kind: `${info.kind}List`, apiVersion: gv, metadata: { resourceVersion: '1' }, items });
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
