/** `kubectl get services|endpoints|endpointslices`: printService, printEndpoints and printEndpointSlice. */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { since } from '../duration';
import { formatLabels } from '../labels';
import type { TableDef } from './types';

function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const ext = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s);
      const all = [...lb, ...ext];
      if (all.length === 0) return '<pending>';
      const s = all.join(',');
      // Narrow tables shorten the list to 16 characters.
      return s.length > 16 ? `${s.slice(0, 13)}...` : s;
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(svc: Service): string {
  const s = (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
  return s === '' ? '<none>' : s;
}

export const serviceTable: TableDef<Service> = {
  columns: [
    { name: 'NAME', isName: true },
    { name: 'TYPE' },
    { name: 'CLUSTER-IP' },
    { name: 'EXTERNAL-IP' },
    { name: 'PORT(S)' },
    { name: 'AGE' },
    { name: 'SELECTOR', wide: true },
  ],
  row(svc, now) {
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      externalIP(svc),
      portString(svc),
      since(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const s = list.join(',');
  if (more) return `${s} + ${count - max} more...`;
  return s === '' ? '<unset>' : s;
}

export const endpointSliceTable: TableDef<EndpointSlice> = {
  columns: [{ name: 'NAME', isName: true }, { name: 'ADDRESSTYPE' }, { name: 'PORTS' }, { name: 'ENDPOINTS' }, { name: 'AGE' }],
  row(es, now) {
    const max = 3;
    const ports: string[] = [];
    let portsMore = false;
    let portCount = 0;
    for (const p of es.ports ?? []) {
      if (ports.length < max) ports.push(p.port !== undefined ? String(p.port) : (p.name ?? '*'));
      else portsMore = true;
      portCount++;
    }
    const addrs: string[] = [];
    let addrMore = false;
    let addrCount = 0;
    for (const ep of es.endpoints ?? []) {
      for (const a of ep.addresses) {
        if (addrs.length < max) addrs.push(a);
        else addrMore = true;
        addrCount++;
      }
    }
    return [
      es.metadata?.name ?? '',
      es.addressType,
      listWithMore(ports, portsMore, portCount, max),
      listWithMore(addrs, addrMore, addrCount, max),
      since(es.metadata?.creationTimestamp, now),
    ];
  },
};

/**
 * formatEndpoints with every port: `ip:port` per address and port (ready addresses only), at most
 * three, then ` + N more...`; an address-only subset (headless, no ports) lists bare IPs.
 */
export function formatEndpoints(ep: Endpoints, portNames?: ReadonlySet<string>): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ss.ports ?? []) {
      if (portNames !== undefined && !portNames.has(p.name ?? '')) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        // net.JoinHostPort brackets IPv6 addresses.
        list.push(`${a.ip.includes(':') ? `[${a.ip}]` : a.ip}:${p.port}`);
      }
    }
  }
  const s = list.join(',');
  return more ? `${s} + ${count - max} more...` : s;
}

export const endpointsTable: TableDef<Endpoints> = {
  columns: [{ name: 'NAME', isName: true }, { name: 'ENDPOINTS' }, { name: 'AGE' }],
  row: (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), since(ep.metadata?.creationTimestamp, now)],
};
