/**
 * The objects a scenario's cluster starts with: namespaces, nodes, secrets, config maps and
 * services, in the shape the API server (and node registration) gives them.
 */
import type { ConfigMap, Namespace, Node, Secret, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { ConfigMapSpec, NodeSpec, SecretSpec, ServiceSpec } from '../spec';
import { rfc3339 } from '../format';
import { quantityValue } from './quantity';
import { type Prng, stableHex64 } from '../names';

export const KUBELET_VERSION = 'v1.32.2';
export const CONTAINERD_VERSION = 'containerd://1.7.24';

export function namespaceObject(name: string, uid: string): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { labels: { 'kubernetes.io/metadata.name': name }, name, uid },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** Every namespace gets the root CA bundle from the root-ca-cert-publisher. */
export function rootCaConfigMap(namespace: string, uid: string, caPem: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      annotations: {
        'kubernetes.io/description':
          'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service (kubernetes.default.svc). No other usage is guaranteed across distributions of Kubernetes clusters.',
      },
      name: 'kube-root-ca.crt',
      namespace,
      uid,
    },
    data: { 'ca.crt': caPem },
  };
}

/** A PEM-looking CA certificate: base64 body lines of 64 characters. */
export function fakeCaPem(rng: Prng): string {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines: string[] = ['MIIDBTCCAe2gAwIBAgIIQ0EtRmlyZWRyaWxsMA0GCSqGSIb3DQEBCwUAMBUxEzAR'];
  for (let i = 0; i < 15; i++) {
    let line = '';
    for (let j = 0; j < 64; j++) line += b64[rng.u32() % 64];
    lines.push(line);
  }
  lines.push('q4Lb7KdWmQ==');
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function nodeObject(spec: NodeSpec, uid: string, createdAt: number, rng: Prng): Node {
  const ts = rfc3339(createdAt);
  // Nodes report memory in Ki; allocatable keeps back the kubelet's 100Mi eviction threshold.
  const memKi = spec.memory === undefined ? 16375356 : Math.floor(quantityValue(spec.memory) / 1024);
  const resources = {
    cpu: spec.cpu ?? '4',
    'ephemeral-storage': '101430960Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memKi}Ki`,
    pods: '110',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
      },
      name: spec.name,
      uid,
    },
    spec: { podCIDR: spec.podCIDR, podCIDRs: [spec.podCIDR] },
    status: {
      addresses: [
        { address: spec.internalIP, type: 'InternalIP' },
        { address: spec.name, type: 'Hostname' },
      ],
      allocatable: { ...resources, 'ephemeral-storage': '93478772582', memory: `${memKi - 102400}Ki` },
      capacity: resources,
      conditions: [
        nodeCondition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', ts),
        nodeCondition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', ts),
        nodeCondition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', ts),
        nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', ts),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: rng.uuid(),
        containerRuntimeVersion: CONTAINERD_VERSION,
        kernelVersion: '6.1.0-28-cloud-amd64',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: rng.hex(32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: rng.uuid(),
      },
    },
  };
}

function nodeCondition(type: string, status: string, reason: string, message: string, ts: string) {
  return { lastHeartbeatTime: ts, lastTransitionTime: ts, message, reason, status, type };
}

export function secretObject(spec: SecretSpec, uid: string): Secret {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.stringData)) data[k] = base64(v);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: spec.name, namespace: spec.namespace, uid },
    data,
    type: spec.type ?? 'Opaque',
  };
}

export function configMapObject(spec: ConfigMapSpec, uid: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: spec.name, namespace: spec.namespace, uid },
    data: { ...spec.data },
  };
}

export function serviceObject(spec: ServiceSpec, uid: string, clusterIP: string, nodePorts: () => number): Service {
  const type = spec.type ?? 'ClusterIP';
  const ports: ServicePort[] = spec.ports.map((p) => {
    const port: ServicePort = { port: p.port };
    if (p.name !== undefined) port.name = p.name;
    if (type !== 'ClusterIP') port.nodePort = nodePorts();
    port.protocol = p.protocol ?? 'TCP';
    port.targetPort = p.targetPort;
    return port;
  });
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: spec.name, namespace: spec.namespace, uid },
    spec: {
      ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
      clusterIP,
      clusterIPs: [clusterIP],
      ...(type !== 'ClusterIP' ? { externalTrafficPolicy: 'Cluster' } : {}),
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports,
      selector: { ...spec.selector },
      sessionAffinity: 'None',
      type,
    },
    status: { loadBalancer: {} },
  };
  if (spec.labels && Object.keys(spec.labels).length > 0) svc.metadata!.labels = { ...spec.labels };
  return svc;
}

/** A random address in 10.96.0.0/12, avoiding the network, 10.96.0.1 (kubernetes) and .10 (DNS). */
export function allocateClusterIP(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const offset = rng.int(11, (1 << 20) - 2);
    const ip = `10.${96 + (offset >> 16)}.${(offset >> 8) & 255}.${offset & 255}`;
    if (!taken.has(ip)) {
      taken.add(ip);
      return ip;
    }
  }
}

/** base64 of UTF-8 text, without Buffer or btoa so the module stays environment-neutral. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += table[b0 >> 2];
    out += table[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)];
    out += b1 === undefined ? '=' : table[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)];
    out += b2 === undefined ? '=' : table[b2 & 63];
  }
  return out;
}

export function unbase64(data: string): string {
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = data.replace(/=+$/, '');
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of clean) {
    const v = table.indexOf(ch);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 255);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** `repo@sha256:<digest>` for an image reference, stable per image. */
export function imageId(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    const lastSlash = image.lastIndexOf('/');
    const colon = image.indexOf(':', lastSlash + 1);
    const repo = colon < 0 ? image : image.slice(0, colon);
    id = `${repo}@sha256:${stableHex64(image)}`;
    // Every status write spells it; a world has a handful of images.
    if (imageIds.size >= 1024) imageIds.clear();
    imageIds.set(image, id);
  }
  return id;
}

const imageIds = new Map<string, string>();

/** A plausible compressed image size in bytes, stable per image. */
export function imageSize(image: string): number {
  const hex = stableHex64(`size:${image}`);
  return 20_000_000 + (parseInt(hex.slice(0, 8), 16) % 180_000_000);
}
