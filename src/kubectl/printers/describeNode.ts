/**
 * `kubectl describe node` (describeNode in kubectl's describe.go): roles, labels, taints, the
 * kubelet's Lease, conditions, addresses, capacity, system info, the non-terminated pods with
 * their requests and limits against allocatable, the allocated totals, and events.
 */
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../cluster/api';
import { nodeLease } from '../../cluster/objects/nodeLease';
import { annotationsMultiline, describeEvents, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { since } from './duration';
import { addQuantity, type Quantity, parseQuantity, quantityMilliValue, quantityString, quantityValue, ZERO } from './quantity';
import { rfc1123z } from './timeFormat';

type ResourceList = Record<string, Quantity>;

function toList(src: Readonly<Record<string, string>> | undefined): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(src ?? {})) {
    const q = parseQuantity(v);
    if (q !== undefined) out[k] = q;
  }
  return out;
}

function addInto(list: ResourceList, add: ResourceList): void {
  for (const [k, v] of Object.entries(add)) list[k] = list[k] === undefined ? v : addQuantity(list[k], v);
}

/** resourcehelper.PodRequestsAndLimits: container sums, at least each init container's, plus overhead. */
function podRequestsAndLimits(pod: Pod): { reqs: ResourceList; limits: ResourceList } {
  const reqs: ResourceList = {};
  const limits: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) {
    addInto(reqs, toList(c.resources?.requests));
    addInto(limits, toList(c.resources?.limits));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [target, src] of [
      [reqs, toList(c.resources?.requests)],
      [limits, toList(c.resources?.limits)],
    ] as const) {
      for (const [k, v] of Object.entries(src)) if (target[k] === undefined || v.nano > target[k].nano) target[k] = v;
    }
  }
  if (pod.spec?.overhead) {
    addInto(reqs, toList(pod.spec.overhead));
    for (const [k, v] of Object.entries(toList(pod.spec.overhead))) if (limits[k] !== undefined) limits[k] = addQuantity(limits[k], v);
  }
  return { reqs, limits };
}

const pct = (a: number, b: number): number => Math.trunc((a / b) * 100);

function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** The events describe finds for a node: by its uid, then by its name used as uid (the kubelet's). */
function nodeEvents(view: ClusterView, node: Node): Event[] {
  const name = node.metadata?.name;
  const match = (uid: string | undefined) => (e: Event) =>
    e.involvedObject.kind === 'Node' && e.involvedObject.name === name && (e.involvedObject.namespace ?? '') === '' && e.involvedObject.uid === uid;
  const all = view.list('Event');
  return [...all.filter(match(node.metadata?.uid)), ...all.filter(match(name))];
}

export function renderDescribeNode(view: ClusterView, node: Node): string {
  const w = new PrefixWriter();
  const md = node.metadata ?? {};
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  const now = view.now();
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(md.creationTimestamp)}\n`);
  const taints = [...(spec.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.line('<none>');
  taints.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    const kv = t.value ? `${t.key}=${t.value}` : t.key;
    w.write(0, `${t.effect ? `${kv}:${t.effect}` : kv}\n`);
  });
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  const lease = nodeLease(node, now);
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${lease.spec.holderIdentity}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${rfc1123z(lease.spec.renewTime)}\n`);
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const printResources = (list: Readonly<Record<string, string>>): void => {
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${quantityString(parseQuantity(list[k]!) ?? ZERO)}\n`);
  };
  if (Object.keys(status.capacity ?? {}).length > 0) {
    w.write(0, 'Capacity:\n');
    printResources(status.capacity!);
  }
  if (Object.keys(status.allocatable ?? {}).length > 0) {
    w.write(0, 'Allocatable:\n');
    printResources(status.allocatable!);
  }
  const info = status.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length > 0) w.write(0, `PodCIDRs:\t${spec.podCIDRs!.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);

  const pods = view
    .list('Pod')
    .filter((p) => p.spec?.nodeName === md.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = toList(Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable : status.capacity);
  const allocCpu = quantityMilliValue(allocatable.cpu ?? ZERO);
  const allocMem = quantityValue(allocatable.memory ?? ZERO);
  const totalReqs: ResourceList = {};
  const totalLimits: ResourceList = {};
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    addInto(totalReqs, reqs);
    addInto(totalLimits, limits);
    const cpuReq = reqs.cpu ?? ZERO;
    const cpuLim = limits.cpu ?? ZERO;
    const memReq = reqs.memory ?? ZERO;
    const memLim = limits.memory ?? ZERO;
    w.write(
      1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t` +
        `${quantityString(cpuReq)} (${pct(quantityMilliValue(cpuReq), allocCpu)}%)\t${quantityString(cpuLim)} (${pct(quantityMilliValue(cpuLim), allocCpu)}%)\t` +
        `${quantityString(memReq)} (${pct(quantityValue(memReq), allocMem)}%)\t${quantityString(memLim)} (${pct(quantityValue(memLim), allocMem)}%)\t` +
        `${since(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, req: Quantity, lim: Quantity, alloc: number, milli: boolean): void => {
    const v = milli ? quantityMilliValue : quantityValue;
    const rp = alloc !== 0 ? pct(v(req), alloc) : 0;
    const lp = alloc !== 0 ? pct(v(lim), alloc) : 0;
    w.write(1, `${name}\t${quantityString(req)} (${rp}%)\t${quantityString(lim)} (${lp}%)\n`);
  };
  row('cpu', totalReqs.cpu ?? ZERO, totalLimits.cpu ?? ZERO, allocCpu, true);
  row('memory', totalReqs.memory ?? ZERO, totalLimits.memory ?? ZERO, allocMem, false);
  row('ephemeral-storage', totalReqs['ephemeral-storage'] ?? ZERO, totalLimits['ephemeral-storage'] ?? ZERO, quantityValue(allocatable['ephemeral-storage'] ?? ZERO), false);
  const names = Object.keys(allocatable).sort();
  for (const r of names.filter((n) => n.startsWith('hugepages-'))) {
    row(r, totalReqs[r] ?? ZERO, totalLimits[r] ?? ZERO, quantityValue(allocatable[r]!), false);
  }
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  for (const r of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n) && !n.startsWith('requests.'))) {
    w.write(1, `${r}\t${quantityString(totalReqs[r] ?? ZERO)}\t${quantityString(totalLimits[r] ?? ZERO)}\n`);
  }
  describeEvents(w, nodeEvents(view, node), now);
  return w.aligned();
}
