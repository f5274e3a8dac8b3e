import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { createCluster } from '../../../src/cluster/index';
import type { ClusterControl } from '../../../src/cluster/index';
import { runLine } from '../../../src/kubectl/index';
import { delayAfterChange, reportAt } from '../../../src/cluster/controllers/nodeStatus';
import { advanceFollowing } from '../../../src/kubectl/follow';
import type { FollowUpdate } from '../../../src/kubectl/api';
import { ARRIVAL, taskflowSpec } from './fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;

const node = (c: ClusterControl, name: string): Node => c.get('Node', undefined, name)!;
const heartbeats = (n: Node): number[] => n.status!.conditions!.map((x) => Date.parse(x.lastHeartbeatTime!));
const transitions = (n: Node): string[] => n.status!.conditions!.map((x) => x.lastTransitionTime!);
/** Parses "Wed, 25 Nov 2026 09:12:30 +0000" as describe prints it. */
const rfc1123 = (s: string): number => Date.parse(s.replace(/^\w+, /, '').replace(' +0000', ' GMT'));

describe("the kubelet's periodic node status report", () => {
  it('keeps every condition heartbeat within 5 minutes of now, and the transition times where they were', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const before = transitions(node(c, 'worker-1'));
    for (const n of c.list('Node')) {
      for (const t of heartbeats(n)) {
        expect(t).toBeLessThanOrEqual(c.now());
        expect(c.now() - t).toBeLessThan(5 * MIN);
      }
    }
    c.advanceBy(HOUR);
    const out = runLine('kubectl describe node worker-1', { cluster: c, namespace: 'default', history: [] }).stdout;
    const rows = [...out.matchAll(/^ {2}(MemoryPressure|DiskPressure|PIDPressure|Ready) +(True|False) +(\w{3}, .+? \+0000) {3}(\w{3}, .+? \+0000) {3}/gm)];
    expect(rows.map((r) => r[1])).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
    for (const r of rows) {
      const beat = rfc1123(r[3]!);
      expect(beat).toBeLessThanOrEqual(c.now());
      expect(c.now() - beat).toBeLessThan(5 * MIN);
      // The node became ready when it registered, weeks ago, and has not changed since.
      expect(new Date(rfc1123(r[4]!)).toISOString().replace('.000', '')).toBe(before[0]);
    }
    expect(transitions(node(c, 'worker-1'))).toEqual(before);
  });

  it('shows the same heartbeat to describe, -o yaml and jsonpath', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    c.advanceBy(37 * MIN);
    const run = (line: string) => runLine(line, { cluster: c, namespace: 'default', history: [] }).stdout;
    const stored = node(c, 'worker-2').status!.conditions!.find((x) => x.type === 'Ready')!.lastHeartbeatTime!;
    expect(run(`kubectl get node worker-2 -o jsonpath='{.status.conditions[?(@.type=="Ready")].lastHeartbeatTime}'`)).toBe(stored);
    expect(run('kubectl get node worker-2 -o yaml')).toContain(`  - lastHeartbeatTime: "${stored}"\n    lastTransitionTime:`);
    const ready = run('kubectl describe node worker-2').match(/^ {2}Ready +True +(\w{3}, .+? \+0000) /m)![1]!;
    expect(rfc1123(ready)).toBe(Date.parse(stored));
  });

  it('reports every 5 minutes exactly, each report a write with a new resourceVersion', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const first = heartbeats(node(c, 'worker-3'))[0]!;
    const rv = node(c, 'worker-3').metadata!.resourceVersion;
    // Just before the next report nothing is written...
    c.advanceTo(first + 5 * MIN - 1000);
    expect(heartbeats(node(c, 'worker-3'))[0]).toBe(first);
    expect(node(c, 'worker-3').metadata!.resourceVersion).toBe(rv);
    // ...and at it, the Node is patched: every condition gets the report's time.
    c.advanceTo(first + 5 * MIN);
    expect(heartbeats(node(c, 'worker-3'))).toEqual([1, 2, 3, 4].map(() => first + 5 * MIN));
    expect(Number(node(c, 'worker-3').metadata!.resourceVersion)).toBeGreaterThan(Number(rv));
    c.advanceTo(first + 10 * MIN + 2 * HOUR + 1000);
    expect(heartbeats(node(c, 'worker-3'))[0]).toBe(first + 10 * MIN + 2 * HOUR);
  });

  it('staggers the nodes: each kubelet waits its own random delay after starting, then keeps a 5 minute cadence', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const beats = c.list('Node').map((n) => heartbeats(n)[0]!);
    expect(new Set(beats).size).toBe(3);
    // Delays are whole kubelet sync ticks (10 s) within [-2.5 min, +2.5 min].
    const delays = ['a', 'b', 'c', 'd', 'e', 'f'].map((uid) => delayAfterChange(uid, ARRIVAL));
    for (const d of delays) {
      expect(Math.abs(d)).toBeLessThanOrEqual(150_000);
      expect(Math.abs(d % 10_000)).toBe(0);
    }
    expect(new Set(delays).size).toBeGreaterThan(1);
    expect(reportAt(ARRIVAL, ARRIVAL - 1)).toBeUndefined();
    expect(reportAt(ARRIVAL, ARRIVAL + 12 * MIN)).toBe(ARRIVAL + 10 * MIN);
  });

  it('gives the same world however the clock got there', () => {
    const a = createCluster(taskflowSpec(), ARRIVAL);
    const b = createCluster(taskflowSpec(), ARRIVAL);
    a.advanceTo(ARRIVAL + 3 * HOUR + 17_000);
    for (let t = ARRIVAL; t < ARRIVAL + 3 * HOUR; t += 61_000) b.advanceTo(t);
    b.advanceTo(ARRIVAL + 3 * HOUR + 17_000);
    const conditions = (c: ClusterControl) => JSON.stringify(c.list('Node').map((n) => n.status!.conditions));
    expect(conditions(b)).toBe(conditions(a));
  });

  it('leaves a Node created through the API (no kubelet behind it) alone', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const stale = '2026-01-01T00:00:00Z';
    const created = c.create('Node', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'ghost' },
      status: { conditions: [{ type: 'Ready', status: 'Unknown', lastHeartbeatTime: stale, lastTransitionTime: stale }] },
    });
    expect(created.ok).toBe(true);
    c.advanceBy(HOUR);
    expect(node(c, 'ghost').status?.conditions?.[0]?.lastHeartbeatTime).toBe(stale);
  });

  it('shows each report to kubectl get nodes -w as a modified node, as the PATCH does on a real cluster', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const first = runLine('kubectl get nodes -w', { cluster: c, namespace: 'default', history: [] });
    expect(first.follow).toBeDefined();
    const updates: FollowUpdate[] = [];
    advanceFollowing(c, first.follow, c.now() + 10 * MIN, (u) => updates.push(u));
    const rows = updates.map((u) => u.stdout).join('').split('\n').filter((l) => l !== '');
    // Two reports per node in 10 minutes, each a row in kubectl's own format.
    expect(rows.map((r) => r.split(/ +/)[0]).sort()).toEqual(['worker-1', 'worker-1', 'worker-2', 'worker-2', 'worker-3', 'worker-3']);
    for (const r of rows) expect(r).toMatch(/^worker-\d +Ready +<none> +\d+d +v1\.32\.2$/);
    first.follow!.stop();
  });
});
