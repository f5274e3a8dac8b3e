/**
 * Pod templates and pods as the API server stores them after defaulting and admission: the
 * fields `kubectl get -o yaml` shows that nobody wrote (dnsPolicy, terminationMessagePath, the
 * kube-api-access volume, the not-ready/unreachable tolerations, ...).
 */
import type { Container, EnvFromSource, EnvVar, Probe, Pod, PodSpec, PodTemplateSpec, ResourceRequirements, Volume } from 'kubernetes-types/core/v1';
import { cloneJson } from '../json';
import type { ContainerSpec, ProbeSpec, VolumeSpec } from '../spec';

/** `IfNotPresent`, unless the tag is `latest` or missing (then `Always`), as SetDefaults_Container does. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction: path "/", scheme HTTP, 1 s, 10 s, 1, 3. */
function defaultedProbe(p: ProbeSpec): Probe {
  const out: Probe = {};
  if (p.exec) out.exec = { command: [...p.exec.command] };
  if (p.httpGet) {
    out.httpGet = { path: p.httpGet.path || '/', port: p.httpGet.port, scheme: p.httpGet.scheme ?? 'HTTP' };
    if (p.httpGet.host !== undefined) out.httpGet.host = p.httpGet.host;
  }
  if (p.tcpSocket) out.tcpSocket = { port: p.tcpSocket.port, ...(p.tcpSocket.host !== undefined ? { host: p.tcpSocket.host } : {}) };
  if (p.initialDelaySeconds) out.initialDelaySeconds = p.initialDelaySeconds;
  out.timeoutSeconds = p.timeoutSeconds ?? 1;
  out.periodSeconds = p.periodSeconds ?? 10;
  out.successThreshold = p.successThreshold ?? 1;
  out.failureThreshold = p.failureThreshold ?? 3;
  return out;
}

function toContainer(c: ContainerSpec): Container {
  const container: Container = { name: c.name, image: c.image };
  if (c.env && c.env.length > 0) {
    container.env = c.env.map((e): EnvVar => {
      const out: EnvVar = { name: e.name };
      if (e.value !== undefined) out.value = e.value;
      if (e.valueFrom?.secretKeyRef) out.valueFrom = { secretKeyRef: { ...e.valueFrom.secretKeyRef } };
      else if (e.valueFrom?.configMapKeyRef) out.valueFrom = { configMapKeyRef: { ...e.valueFrom.configMapKeyRef } };
      return out;
    });
  }
  if (c.envFrom && c.envFrom.length > 0) {
    container.envFrom = c.envFrom.map((e): EnvFromSource => ({
      ...(e.configMapRef ? { configMapRef: { ...e.configMapRef } } : {}),
      ...(e.prefix !== undefined ? { prefix: e.prefix } : {}),
      ...(e.secretRef ? { secretRef: { ...e.secretRef } } : {}),
    }));
  }
  if (c.livenessProbe) container.livenessProbe = defaultedProbe(c.livenessProbe);
  if (c.readinessProbe) container.readinessProbe = defaultedProbe(c.readinessProbe);
  if (c.startupProbe) container.startupProbe = defaultedProbe(c.startupProbe);
  container.imagePullPolicy = defaultPullPolicy(c.image);
  if (c.ports && c.ports.length > 0) {
    container.ports = c.ports.map((p) => ({
      containerPort: p.containerPort,
      ...(p.name !== undefined ? { name: p.name } : {}),
      protocol: p.protocol ?? 'TCP',
    }));
  }
  const resources: ResourceRequirements = {};
  if (c.resources?.limits) resources.limits = { ...c.resources.limits } as Record<string, string>;
  if (c.resources?.requests) resources.requests = { ...c.resources.requests } as Record<string, string>;
  // Requests default to limits when only limits are given.
  if (resources.limits && !resources.requests) resources.requests = { ...resources.limits };
  container.resources = resources;
  container.terminationMessagePath = '/dev/termination-log';
  container.terminationMessagePolicy = 'File';
  if (c.volumeMounts && c.volumeMounts.length > 0) {
    container.volumeMounts = c.volumeMounts.map((m) => ({
      mountPath: m.mountPath,
      name: m.name,
      ...(m.readOnly !== undefined ? { readOnly: m.readOnly } : {}),
      ...(m.subPath !== undefined ? { subPath: m.subPath } : {}),
    }));
  }
  return container;
}

/** SetDefaults_SecretVolumeSource / _ConfigMapVolumeSource: defaultMode 0644 (420). */
export function defaultedVolume(v: VolumeSpec): Volume {
  if (v.secret) {
    const s = v.secret;
    return {
      name: v.name,
      secret: {
        defaultMode: s.defaultMode ?? 420,
        ...(s.items ? { items: s.items.map((i) => ({ ...i })) } : {}),
        ...(s.optional !== undefined ? { optional: s.optional } : {}),
        secretName: s.secretName,
      },
    };
  }
  if (v.configMap) {
    const c = v.configMap;
    return {
      configMap: {
        defaultMode: c.defaultMode ?? 420,
        ...(c.items ? { items: c.items.map((i) => ({ ...i })) } : {}),
        name: c.name,
        ...(c.optional !== undefined ? { optional: c.optional } : {}),
      },
      name: v.name,
    };
  }
  const e = v.emptyDir ?? {};
  return {
    emptyDir: { ...(e.medium ? { medium: e.medium } : {}), ...(e.sizeLimit !== undefined ? { sizeLimit: e.sizeLimit } : {}) },
    name: v.name,
  };
}

/** The template as stored in a Deployment after defaulting (SetDefaults_PodSpec). */
export function defaultedTemplate(
  labels: Record<string, string>,
  annotations: Record<string, string> | undefined,
  containers: ContainerSpec[],
  volumes?: readonly VolumeSpec[],
): PodTemplateSpec {
  const spec: PodSpec = {
    containers: containers.map(toContainer),
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  };
  if (volumes && volumes.length > 0) spec.volumes = volumes.map(defaultedVolume);
  const metadata: PodTemplateSpec['metadata'] = { labels: { ...labels } };
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  return { metadata, spec };
}

const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * A pod's spec as admission leaves it: the ServiceAccount admission adds the projected token
 * volume and its mounts, DefaultTolerationSeconds the two tolerations, Priority the priority
 * fields, and pod defaulting enableServiceLinks.
 */
export function admittedPodSpec(template: PodTemplateSpec, apiAccessVolume: string): PodSpec {
  const base = cloneJson<PodSpec>(template.spec ?? { containers: [] });
  const containers = base.containers.map((c) => ({
    ...c,
    volumeMounts: [...(c.volumeMounts ?? []), { mountPath: SA_MOUNT, name: apiAccessVolume, readOnly: true }],
  }));
  return {
    ...base,
    containers,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    serviceAccount: 'default',
    serviceAccountName: 'default',
    tolerations: [
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ],
    volumes: [
      ...(base.volumes ?? []),
      {
        name: apiAccessVolume,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
            {
              downwardAPI: {
                items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
              },
            },
          ],
        },
      },
    ],
  };
}

/** status.qosClass, computed once at creation (pkg/apis/core/helper/qos). */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  let anySet = false;
  let guaranteed = true;
  for (const c of pod.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) anySet = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
