import { describe, expect, it } from 'vitest';
import { createCluster, type WorldSpec } from '../../../src/cluster/index';
import type { ContainerSpec, Outcome } from '../../../src/cluster/spec';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';
import { podsOf, restarts, singleAppSpec } from './helpers';

const IMAGE = 'example/report-worker:3.1';

function spec(outcomes: Outcome[], container: Partial<ContainerSpec>): WorldSpec {
  const s = singleAppSpec(IMAGE, outcomes);
  const step = s.history[0]!;
  if (step.action === 'createDeployment') Object.assign(step.deployment.template.containers[0]!, container);
  return s;
}

const limit = (memory: string): Partial<ContainerSpec> => ({ resources: { limits: { memory }, requests: { memory } } });
const status = (c: ReturnType<typeof createCluster>) => podsOf(c, 'app')[0]!.status!.containerStatuses![0]!;

describe('OOMKilled', () => {
  it('a leak past the memory limit kills the container with 137 OOMKilled, then it backs off as usual', () => {
    // 100 MiB at start, +50 MiB a minute: a 256Mi limit is reached after 187.2 s.
    const leak: Outcome = { logs: [{ after: 1, text: 'processing batch' }], memory: { mib: 100, growMibPerMinute: 50 }, readyAfter: 1 };
    const c = createCluster(spec([leak], limit('256Mi')), ARRIVAL);
    c.advanceTo(ARRIVAL + 30_000);
    const start = Date.parse(status(c).state!.running!.startedAt!);
    c.advanceTo(start + 186_000);
    expect(status(c).state?.running).toBeDefined();
    expect(status(c).ready).toBe(true);
    expect(status(c).restartCount).toBe(0);
    c.advanceTo(start + 200_000);
    const s = status(c);
    expect(s.restartCount).toBe(1);
    const terminated = s.lastState?.terminated;
    expect(terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    const started = Date.parse(terminated!.startedAt!);
    expect(started).toBe(start);
    expect(Date.parse(terminated!.finishedAt!) - started).toBeGreaterThanOrEqual(187_000);
    expect(Date.parse(terminated!.finishedAt!) - started).toBeLessThanOrEqual(188_000);
    c.advanceTo(start + 400_000);
    expect(restarts(podsOf(c, 'app')[0])).toBeGreaterThanOrEqual(1);
    expect(status(c).lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('a process that starts above its limit is killed at once and crash-loops', () => {
    const c = createCluster(spec([{ logs: [], memory: { mib: 300 } }], limit('256Mi')), ARRIVAL);
    c.advanceTo(ARRIVAL + 120_000);
    const s = status(c);
    expect(s.restartCount).toBeGreaterThanOrEqual(3);
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(s.state?.waiting?.reason).toBe('CrashLoopBackOff');
    const line = runLine('kubectl get pods', { cluster: c, namespace: NS, history: [] }).stdout.split('\n')[1]!;
    expect(line).toMatch(/^app-\S+ +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\) +2m$/);
  });

  it('the same image fits once the limit is raised or the batch made smaller: usage depends on what it gets', () => {
    const outcomes: Outcome[] = [
      { when: { envEquals: { BATCH_SIZE: '5000' } }, logs: [], memory: { mib: 400 } },
      { logs: [], memory: { mib: 120 }, readyAfter: 1 },
    ];
    const big = createCluster(spec(outcomes, { ...limit('256Mi'), env: [{ name: 'BATCH_SIZE', value: '5000' }] }), ARRIVAL);
    big.advanceTo(ARRIVAL + 60_000);
    expect(status(big).lastState?.terminated?.reason).toBe('OOMKilled');

    const small = createCluster(spec(outcomes, { ...limit('256Mi'), env: [{ name: 'BATCH_SIZE', value: '500' }] }), ARRIVAL);
    small.advanceTo(ARRIVAL + 60_000);
    expect(status(small).ready).toBe(true);
    expect(status(small).restartCount).toBe(0);

    const raised = createCluster(spec(outcomes, { ...limit('512Mi'), env: [{ name: 'BATCH_SIZE', value: '5000' }] }), ARRIVAL);
    raised.advanceTo(ARRIVAL + 60_000);
    expect(status(raised).ready).toBe(true);
  });

  it('no memory limit: no OOM kill', () => {
    const c = createCluster(spec([{ logs: [], memory: { mib: 100, growMibPerMinute: 500 }, readyAfter: 1 }], {}), ARRIVAL);
    c.advanceTo(ARRIVAL + 3_600_000);
    expect(status(c).restartCount).toBe(0);
  });

  it('an OOM kill before the planned exit wins, and its log lines after the kill never appear', () => {
    const c = createCluster(
      spec(
        [{ logs: [{ after: 1, text: 'start' }, { after: 100, text: 'done' }], exit: { after: 101, code: 0 }, memory: { mib: 200, growMibPerMinute: 60 } }],
        limit('256Mi'),
      ),
      ARRIVAL,
    );
    c.advanceTo(ARRIVAL + 20_000);
    const start = Date.parse(status(c).state!.running!.startedAt!);
    // 200 MiB + 60 MiB a minute reaches 256Mi after 56 s.
    c.advanceTo(start + 58_000);
    const name = podsOf(c, 'app')[0]!.metadata!.name!;
    expect(c.logs(NS, name, undefined, true)).toMatchObject({ ok: true, text: 'start\n' });
    expect(status(c).lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    const describe = runLine(`kubectl describe pod ${name}`, { cluster: c, namespace: NS, history: [] }).stdout;
    expect(describe).toMatch(/ {4}Last State: {5}Terminated\n {6}Reason: {7}OOMKilled\n {6}Exit Code: {4}137\n/);
  });
});
