/**
 * The kubelet's volume manager for the volume types the simulator models: Secret and ConfigMap
 * volumes (keys as files, or only `items`), emptyDir, and the projected service-account volume.
 * A pod's sandbox starts only once every volume is set up; a missing Secret or ConfigMap (or
 * key) keeps it in ContainerCreating while the reconciler retries under nestedpendingoperations'
 * exponential back-off (500 ms doubling to 2m2s), each failure a `FailedMount` event as
 * operation_generator words it. The same file view answers `kubectl exec ... cat` and behaviour
 * conditions on mounted files.
 */
import type { Container, ObjectReference, PodSpec, Volume } from 'kubernetes-types/core/v1';
import type { KindMap } from '../api';
import type { Ctx } from '../context';
import { unbase64 } from '../objects/infra';
import type { PodRt } from './kubeletRuntime';

/** Reads Secrets and ConfigMaps: the store, or a ClusterView. */
export interface ObjectGetter {
  get<K extends 'Secret' | 'ConfigMap'>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined;
}

const RETRY_INITIAL_MS = 500;
/** nestedpendingoperations' maxDurationBeforeRetry: 2m2s. */
const RETRY_MAX_MS = 122_000;
/** The reconciler loop runs every 100 ms: a due retry starts within that. */
const RECONCILER_PERIOD_MS = 100;

/** A volume's files, relative to its root, or why it cannot be set up (SetUp's error text). */
export type VolumeContent = { ok: true; files: Map<string, string> } | { ok: false; message: string };

function keyed(
  data: Readonly<Record<string, string>>,
  items: readonly { key: string; path: string }[] | undefined,
  missingKey: (key: string) => string,
  optional: boolean,
): VolumeContent {
  const files = new Map<string, string>();
  if (items === undefined || items.length === 0) {
    for (const [k, v] of Object.entries(data)) files.set(k, v);
    return { ok: true, files };
  }
  for (const item of items) {
    const v = data[item.key];
    if (v === undefined) {
      if (optional) continue;
      return { ok: false, message: missingKey(item.key) };
    }
    files.set(item.path, v);
  }
  return { ok: true, files };
}

/** The files a volume holds now (configmap.go / secret.go SetUpAt, projected for the token). */
export function volumeContent(get: ObjectGetter, namespace: string, volume: Volume, podName = ''): VolumeContent {
  if (volume.secret) {
    const s = volume.secret;
    const optional = s.optional === true;
    const secret = get.get('Secret', namespace, s.secretName ?? '');
    if (secret === undefined) {
      return optional ? { ok: true, files: new Map() } : { ok: false, message: `secret "${s.secretName ?? ''}" not found` };
    }
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(secret.data ?? {})) data[k] = unbase64(v);
    return keyed(data, s.items, (k) => `references non-existent secret key: ${k}`, optional);
  }
  if (volume.configMap) {
    const c = volume.configMap;
    const optional = c.optional === true;
    const cm = get.get('ConfigMap', namespace, c.name ?? '');
    if (cm === undefined) {
      return optional ? { ok: true, files: new Map() } : { ok: false, message: `configmap "${c.name ?? ''}" not found` };
    }
    return keyed(cm.data ?? {}, c.items, (k) => `configmap references non-existent config key: ${k}`, optional);
  }
  if (volume.projected) {
    const files = new Map<string, string>();
    for (const src of volume.projected.sources ?? []) {
      if (src.serviceAccountToken) files.set(src.serviceAccountToken.path, serviceAccountToken(namespace, podName));
      if (src.configMap) {
        const cm = get.get('ConfigMap', namespace, src.configMap.name ?? '');
        for (const item of src.configMap.items ?? []) {
          const v = cm?.data?.[item.key];
          if (v !== undefined) files.set(item.path, v);
        }
      }
      if (src.downwardAPI) {
        for (const item of src.downwardAPI.items ?? []) {
          if (item.fieldRef?.fieldPath === 'metadata.namespace') files.set(item.path, namespace);
        }
      }
    }
    return { ok: true, files };
  }
  return { ok: true, files: new Map() };
}

/** A bound service-account token looks like a JWT; this one only has to look like one. */
function serviceAccountToken(namespace: string, podName: string): string {
  const b64url = (text: string) => btoaUrl(text);
  const header = b64url('{"alg":"RS256","kid":"firedrill"}');
  const claims = b64url(`{"aud":["https://kubernetes.default.svc.cluster.local"],"kubernetes.io":{"namespace":"${namespace}","pod":{"name":"${podName}"},"serviceaccount":{"name":"default"}},"sub":"system:serviceaccount:${namespace}:default"}`);
  return `${header}.${claims}.${b64url(`signature-of-${namespace}-${podName}`)}`;
}

function btoaUrl(text: string): string {
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += table[(n >> 18) & 63]! + table[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += table[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += table[n & 63]!;
  }
  return out;
}

/** The volumes of a pod that cannot be set up now, in spec order, with SetUp's error. */
export function mountFailures(get: ObjectGetter, namespace: string, spec: PodSpec | undefined): { volume: string; message: string }[] {
  const out: { volume: string; message: string }[] = [];
  for (const v of spec?.volumes ?? []) {
    const c = volumeContent(get, namespace, v);
    if (!c.ok) out.push({ volume: v.name, message: c.message });
  }
  return out;
}

/** What a container sees of its volumes: files by absolute path, and the directories. */
export interface MountedFiles {
  files: Map<string, string>;
  dirs: Set<string>;
}

function addDirs(dirs: Set<string>, path: string): void {
  let p = path;
  while (p.length > 1) {
    dirs.add(p);
    const i = p.lastIndexOf('/');
    p = i <= 0 ? '/' : p.slice(0, i);
  }
  dirs.add('/');
}

export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** The files and directories `container` of a pod sees through its volume mounts now. */
export function containerFiles(get: ObjectGetter, namespace: string, podName: string, spec: PodSpec | undefined, container: Container): MountedFiles {
  const files = new Map<string, string>();
  const dirs = new Set<string>();
  const volumes = new Map((spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const m of container.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    if (v === undefined) continue;
    const content = volumeContent(get, namespace, v, podName);
    if (!content.ok) continue;
    const root = normalizePath(m.mountPath);
    const sub = m.subPath ? normalizePath(m.subPath).slice(1) : '';
    let mountedAFile = false;
    for (const [rel, text] of content.files) {
      let inMount: string;
      if (sub === '') inMount = rel;
      else if (rel === sub) {
        files.set(root, text);
        mountedAFile = true;
        continue;
      } else if (rel.startsWith(`${sub}/`)) inMount = rel.slice(sub.length + 1);
      else continue;
      const abs = normalizePath(`${root}/${inMount}`);
      files.set(abs, text);
      addDirs(dirs, abs.slice(0, abs.lastIndexOf('/')) || '/');
    }
    if (mountedAFile) addDirs(dirs, root.slice(0, root.lastIndexOf('/')) || '/');
    else addDirs(dirs, root);
  }
  return { files, dirs };
}

/**
 * Sets up a pod's volumes before its sandbox starts. `then` runs at once when every volume can
 * be set up (no timing or random draws added to the common case); otherwise each attempt records
 * a FailedMount per failing volume and the next attempt waits out the back-off.
 */
export class VolumeMounter {
  constructor(private ctx: Ctx) {}

  mountThen(rt: PodRt, at: number, then: (mountedAt: number) => void): void {
    this.attempt(rt, at, 0, then);
  }

  private attempt(rt: PodRt, at: number, failures: number, then: (mountedAt: number) => void): void {
    if (rt.killing) return;
    const pod = this.ctx.store.get('Pod', rt.namespace, rt.name);
    if (pod === undefined || pod.metadata?.uid !== rt.uid) return;
    const failed = mountFailures(this.ctx.store, rt.namespace, pod.spec);
    if (failed.length === 0) {
      then(at);
      return;
    }
    const ref: ObjectReference = {
      apiVersion: 'v1',
      kind: 'Pod',
      name: rt.name,
      namespace: rt.namespace,
      resourceVersion: pod.metadata?.resourceVersion,
      uid: rt.uid,
    };
    const recorder = this.ctx.events.recorder('kubelet', rt.node);
    for (const f of failed) recorder.record(ref, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${f.volume}" : ${f.message}`, at);
    const wait = Math.min(RETRY_INITIAL_MS * 2 ** failures, RETRY_MAX_MS);
    const next = at + wait + RECONCILER_PERIOD_MS;
    this.ctx.schedule(next, () => this.attempt(rt, next, failures + 1, then));
  }
}

/** A lazy reader of the files `container` of the pod sees (read once, on first use). */
export function mountedFileReader(
  get: ObjectGetter & { get<K extends 'Pod'>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined },
  namespace: string,
  podName: string,
  container: Container,
): (path: string) => string | undefined {
  let files: Map<string, string> | undefined;
  return (path) => {
    files ??= containerFiles(get, namespace, podName, get.get('Pod', namespace, podName)?.spec, container).files;
    return files.get(normalizePath(path));
  };
}
