/**
 * `kubectl get` tables are printed by the API server, so real kubectl cannot judge them; these pin
 * them to printers.go's rules and the reference samples, on the taskflow crash-loop world.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createCluster } from '../../../../src/cluster/index';
import { humanDuration, printName, printTable } from '../../../../src/kubectl/printers/index';
import { ARRIVAL, NS, taskflowSpec } from '../../cluster/fixtures';

describe('humanDuration', () => {
  it.each([
    [-2000, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [119_999, '119s'],
    [120_000, '2m'],
    [151_000, '2m31s'],
    [599_000, '9m59s'],
    [600_000, '10m'],
    [179 * 60_000 + 59_000, '179m'],
    [3 * 3_600_000, '3h'],
    [7 * 3_600_000 + 59 * 60_000, '7h59m'],
    [8 * 3_600_000, '8h'],
    [47 * 3_600_000, '47h'],
    [48 * 3_600_000, '2d'],
    [6 * 86_400_000 + 3_600_000, '6d1h'],
    [8 * 86_400_000, '8d'],
    [730 * 86_400_000, '2y'],
    [731 * 86_400_000, '2y1d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('%d ms -> %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('kubectl get tables', () => {
  const c = createCluster(taskflowSpec(), ARRIVAL);
  const now = c.now();
  const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');

  it('shows crash-looping pods as CrashLoopBackOff, 0/1, with restarts and how long ago', () => {
    const out = printTable('Pod', c.list('Pod', NS), { now });
    const [header, ...rows] = lines(out);
    expect(header).toMatch(/^NAME {3,}READY {3}STATUS {3,}RESTARTS {3,}AGE$/);
    const api = rows.filter((r) => r.startsWith('api-service-'));
    expect(api).toHaveLength(2);
    for (const row of api) {
      expect(row).toMatch(/ 0\/1 {5}CrashLoopBackOff {3}6 \(\d+m\d*s? ago\) {3,}8m58s$/);
    }
    const web = rows.find((r) => r.startsWith('web-frontend-'))!;
    // Created 30 s after the api-service deployment, six days ago: just under 6d.
    expect(web).toMatch(/ 1\/1 {5}Running {12}0 {15}5d23h$/);
  });

  it('computes RESTARTS from the last container termination', () => {
    const pod = c.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('api-service-'))!;
    const finished = Date.parse(pod.status!.containerStatuses![0]!.lastState!.terminated!.finishedAt!);
    const count = pod.status!.containerStatuses![0]!.restartCount;
    const out = printTable('Pod', [pod], { now: finished + 151_000, noHeaders: true });
    expect(out).toContain(`   ${count} (2m31s ago)   `);
  });

  it('aligns columns three spaces past the widest cell, header included', () => {
    const out = printTable('Pod', c.list('Pod', NS), { now });
    const ls = lines(out);
    const readyAt = ls[0]!.indexOf('READY');
    const widest = Math.max(...ls.map((l) => l.split(' ')[0]!.length));
    expect(readyAt).toBe(widest + 3);
    for (const l of ls.slice(1)) expect(l.slice(readyAt - 3, readyAt)).toBe('   ');
  });

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide', () => {
    const pod = c.list('Pod', NS)[0]!;
    const out = printTable('Pod', [pod], { now, wide: true });
    const [header, row] = lines(out);
    expect(header).toMatch(/AGE {3,}IP {3,}NODE {3,}NOMINATED NODE {3}READINESS GATES$/);
    expect(row).toContain(pod.status!.podIPs![0]!.ip);
    expect(row).toMatch(/worker-\d {3}<none> {11}<none>$/);
  });

  it('prints deployments with READY, UP-TO-DATE and AVAILABLE', () => {
    const out = printTable('Deployment', c.list('Deployment', NS), { now });
    expect(lines(out)[0]).toMatch(/^NAME {3,}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE$/);
    expect(out).toMatch(/\napi-service {4}0\/2 {5}2 {12}0 {11}6d\n/);
    expect(out).toMatch(/\nweb-frontend {3}2\/2 {5}2 {12}2 {11}5d23h\n/);
    const wide = printTable('Deployment', c.list('Deployment', NS), { now, wide: true });
    expect(wide).toContain('registry.example/taskflow/api-service:2.4.0    app=api-service');
  });

  it('prints replica sets, services and namespaces', () => {
    const rs = printTable('ReplicaSet', c.list('ReplicaSet', NS), { now });
    expect(lines(rs)[0]).toMatch(/^NAME {3,}DESIRED {3}CURRENT {3}READY {3}AGE$/);
    const svc = printTable('Service', c.list('Service', NS), { now, wide: true });
    expect(lines(svc)[0]).toMatch(/^NAME {3,}TYPE {8}CLUSTER-IP {3,}EXTERNAL-IP {3}PORT\(S\) {3}AGE {3}SELECTOR$/);
    expect(svc).toMatch(/api-service {3,}ClusterIP {3}10\.\S+ {3,}<none> {8}80\/TCP {4}6d {4}app=api-service/);
    const ns = printTable('Namespace', c.list('Namespace'), { now });
    expect(ns).toMatch(/\ntaskflow-demo {5}Active {3}6d1h\n/);
  });

  it('prefixes names with the kind and adds NAMESPACE for -A', () => {
    const out = printTable('Deployment', c.list('Deployment'), { now, withNamespace: true, showKind: true });
    const [header, first] = lines(out);
    expect(header).toMatch(/^NAMESPACE {3,}NAME {3,}READY/);
    expect(first).toMatch(/^taskflow-demo {3}deployment\.apps\/api-service {3}/);
  });

  it('omits the header with --no-headers and pads short columns to six', () => {
    const out = printTable('Namespace', c.list('Namespace'), { now, noHeaders: true });
    expect(out.startsWith('default ')).toBe(true);
    const secret = printTable('Secret', c.list('Secret', NS), { now });
    expect(lines(secret)[0]).toBe('NAME          TYPE     DATA   AGE');
  });

  it('shows Terminating for a pod being deleted, and -o name as kind.group/name', () => {
    const pod = c.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('web-frontend-'))!;
    const deleting: Pod = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: new Date(now).toISOString() } };
    expect(printTable('Pod', [deleting], { now, noHeaders: true })).toContain('   Terminating   ');
    expect(printName(c.get('Deployment', NS, 'api-service')!)).toBe('deployment.apps/api-service\n');
    expect(printName(pod)).toBe(`pod/${pod.metadata!.name}\n`);
  });
});
