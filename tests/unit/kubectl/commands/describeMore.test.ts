import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl describe: endpoints, configmap, secret, namespace', () => {
  it('describes a secret by its sizes in bytes, never its values', () => {
    const r = shell(NS).run('kubectl describe secret taskflow-db');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      'Name:         taskflow-db\nNamespace:    taskflow-demo\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\nurl:  45 bytes\n',
    );
    expect(r.stdout).not.toContain('postgres://');
  });

  it('describes a configmap with its data verbatim, BinaryData and Events', () => {
    const r = shell(NS).run('kubectl describe cm kube-root-ca.crt');
    expect(r.stdout).toContain('\nData\n====\nca.crt:\n----\n-----BEGIN CERTIFICATE-----\n');
    expect(r.stdout).toMatch(/-----END CERTIFICATE-----\n\n\n\nBinaryData\n====\n\nEvents: {2}<none>\n$/);
  });

  it('describes a namespace with its status and the quota and limit range sections', () => {
    const r = shell().run(`kubectl describe ns ${NS}`);
    expect(r.stdout).toBe(
      `Name:         ${NS}\nLabels:       kubernetes.io/metadata.name=${NS}\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n`,
    );
  });

  it('describes endpoints with ready and not-ready addresses per subset', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl describe endpoints api-service');
    const ips = sh.cluster
      .list('Pod', NS)
      .filter((p) => p.metadata!.labels!.app === 'api-service' && p.status?.podIP)
      .map((p) => p.status!.podIP!)
      .sort();
    expect(r.stdout).toContain(`Subsets:\n  Addresses:          <none>\n  NotReadyAddresses:  ${ips.join(',')}\n  Ports:\n    Name  Port  Protocol\n    ----  ----  --------\n    http  8080  TCP\n`);
    expect(r.stdout).toMatch(/\n\nEvents: {2}<none>\n$/);
    expect(sh.run('kubectl get ep').stdout).toMatch(/^NAME +ENDPOINTS +AGE\napi-service +\d+[smhd]\nweb-frontend +10\.\d+\.\d+\.\d+:3000,/);
  });
});

describe('kubectl describe node', () => {
  it("lists the node's non-terminated pods with requests and limits against allocatable, and the totals", () => {
    const sh = shell(NS);
    const pods = sh.cluster.list('Pod').filter((p) => p.spec?.nodeName === 'worker-1');
    const r = sh.run('kubectl describe node worker-1');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Non-terminated Pods:          (${pods.length} in total)\n`);
    for (const p of pods) expect(r.stdout).toContain(`  ${NS}               ${p.metadata!.name}`);
    // api-service asks for 100m of 4 CPUs and 128Mi of 16272956Ki; limits 500m and 256Mi.
    const api = pods.filter((p) => p.metadata!.labels!.app === 'api-service').length;
    expect(api).toBeGreaterThan(0);
    expect(r.stdout).toMatch(new RegExp(`\\n  cpu +${api * 100}m \\(${Math.trunc(api * 2.5)}%\\) +${api * 500}m \\(${Math.trunc(api * 12.5)}%\\)\\n`));
    expect(r.stdout).toContain('Lease:\n  HolderIdentity:  worker-1\n  AcquireTime:     <unset>\n');
    expect(r.stdout).toMatch(/\nEvents: {14}<none>\n$/);
  });
});

describe('kubectl get serviceaccounts', () => {
  it('lists the default account every namespace gets, with SECRETS 0 (no token secrets since 1.24)', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl get sa -A --no-headers');
    const namespaces = sh.cluster.list('Namespace').map((n) => n.metadata!.name!);
    expect(r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split(/ +/).slice(0, 3).join(' '))).toEqual(namespaces.map((n) => `${n} default 0`));
    expect(sh.run('kubectl get serviceaccount default -o name').stdout).toBe('serviceaccount/default\n');
  });

  it('describes the default account with no secrets', () => {
    expect(shell(NS).run('kubectl describe sa default').stdout).toBe(
      `Name:                default\nNamespace:           ${NS}\nLabels:              <none>\nAnnotations:         <none>\n` +
        'Image pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });
});
