/**
 * Pieces describe.go shares between describers: labels, annotations, tolerations, volumes,
 * containers, the pod template and the Events section.
 */
import type { Container, ContainerState, ContainerStatus, Event, PodTemplateSpec, Probe, Toleration, Volume } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../../cluster/api';
import { since } from '../duration';
import { goSort } from '../goSort';
import { byteCompare } from '../labels';
import { rfc1123z } from '../timeFormat';
import type { PrefixWriter } from './writer';

export function labelsMultiline(w: PrefixWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

export function annotationsMultiline(w: PrefixWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort(byteCompare);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s;
        w.write(0, `\t  ${short}\n`);
      }
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

export function tolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const ts = goSort(tolerations ?? [], (a, b) => (a.key ?? '') < (b.key ?? ''));
  if (ts.length === 0) {
    w.line('<none>');
    return;
  }
  ts.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** Go's %v of a *bool: `<nil>`, `true`, `false`. */
const ptrBool = (b: boolean | undefined): string => (b === undefined || b === null ? '<nil>' : String(b));

export function describeVolumes(w: PrefixWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const src of v.projected.sources ?? []) {
        if (src.secret) w.write(2, `SecretName:\t${src.secret.name ?? ''}\n    SecretOptionalName:\t${ptrBool(src.secret.optional)}\n`);
        else if (src.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (src.configMap) w.write(2, `ConfigMapName:\t${src.configMap.name ?? ''}\n    ConfigMapOptional:\t${ptrBool(src.configMap.optional)}\n`);
        else if (src.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${src.serviceAccountToken.expirationSeconds ?? 0}\n`);
      }
    } else if (v.emptyDir) {
      w.write(2, 'Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)\n');
      w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.secret) {
      w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
      w.write(2, `Optional:\t${String(v.secret.optional ?? false)}\n`);
    } else if (v.configMap) {
      w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(2, `Name:\t${v.configMap.name ?? ''}\n`);
      w.write(2, `Optional:\t${String(v.configMap.optional ?? false)}\n`);
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

function describeStatus(w: PrefixWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

function describeResources(w: PrefixWriter, c: Container, level: number): void {
  const r = c.resources;
  for (const [title, list] of [['Limits', r?.limits], ['Requests', r?.requests]] as const) {
    const keys = Object.keys(list ?? {}).sort(byteCompare);
    if (keys.length > 0) w.write(level, `${title}:\n`);
    for (const k of keys) w.write(level + 1, `${k}:\t${String(list![k])}\n`);
  }
}

export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = statuses ? byName.get(c.name) : undefined;
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const s of c.command) for (const l of s.split('\n')) w.write(3, `${l}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const s of c.args) for (const l of s.split('\n')) w.write(3, `${l}\n`);
    }
    if (st) {
      describeStatus(w, 'State', st.state);
      if (st.lastState?.terminated) describeStatus(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount}\n`);
    }
    describeResources(w, c, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
        const name = e.configMapRef?.name ?? e.secretRef?.name ?? '';
        const optional = (e.configMapRef?.optional ?? e.secretRef?.optional) === true;
        w.write(3, e.prefix ? `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${name}\t${from}\tOptional: ${optional}\n`);
      }
    }
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) w.write(3, `${e.name}:\t (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
      else if (vf.resourceFieldRef) w.write(3, `${e.name}:\t (${vf.resourceFieldRef.resource})\n`);
      else if (vf.secretKeyRef) {
        w.write(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
      } else if (vf.configMapKeyRef) {
        w.write(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => byteCompare(a.mountPath, b.mountPath));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

export function describePodTemplate(w: PrefixWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) {
    w.write(1, '<unset>');
    return;
  }
  labelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0) annotationsMultiline(w, '  Annotations', t.metadata?.annotations);
  if (t.spec?.serviceAccountName) w.write(1, `Service Account:\t${t.spec.serviceAccountName}\n`);
  if (t.spec?.initContainers?.length) describeContainers(w, 'Init Containers', t.spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', t.spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, t.spec?.volumes, '  ');
  if (t.spec?.priorityClassName) w.write(1, `Priority Class Name:\t${t.spec.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', t.spec?.nodeSelector);
  tolerationsMultiline(w, '  Tolerations', t.spec?.tolerations);
}

/**
 * Events about an object as describe's searchEvents finds them: same namespace, involvedObject
 * name (+ kind unless a pod, whose reference carries no kind) and uid.
 */
export function eventsFor(view: ClusterView, obj: { kind?: string; metadata?: { name?: string; namespace?: string; uid?: string } }, matchKind: boolean): Event[] {
  const md = obj.metadata ?? {};
  return eventsAbout(view.list('Event', md.namespace), md.name).filter((e) => {
    const io = e.involvedObject;
    return io.namespace === md.namespace && io.uid === md.uid && (!matchKind || io.kind === obj.kind);
  });
}

/**
 * A namespace's events by involvedObject.name, in list order, built once per stored list (the
 * store hands out the same frozen array until an event changes): `describe pods` of a
 * namespace with hundreds of pods looks each one up instead of scanning every event.
 */
const eventsByName = new WeakMap<readonly Event[], Map<string | undefined, Event[]>>();

function eventsAbout(list: readonly Event[], name: string | undefined): readonly Event[] {
  if (!Object.isFrozen(list)) return list.filter((e) => e.involvedObject.name === name);
  let index = eventsByName.get(list);
  if (index === undefined) {
    index = new Map();
    for (const e of list) {
      const n = e.involvedObject.name;
      const same = index.get(n);
      if (same === undefined) index.set(n, [e]);
      else same.push(e);
    }
    eventsByName.set(list, index);
  }
  return index.get(name) ?? [];
}

/** The Events section (DescribeEvents). */
export function describeEvents(w: PrefixWriter, events: readonly Event[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  const lastTs = (e: Event): number => {
    const t = e.lastTimestamp ? Date.parse(e.lastTimestamp) : NaN;
    return Number.isNaN(t) ? -Infinity : t;
  };
  const sorted = goSort(events, (a, b) => lastTs(a) < lastTs(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** kubectl's DescribeProbe: the action, then delay/timeout/period/#success/#failure. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = String(g.port ?? '');
    const host = g.host ?? '';
    const hostPort = port === '' ? host : host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    return `http-get ${(g.scheme ?? '').toLowerCase()}://${hostPort}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}
