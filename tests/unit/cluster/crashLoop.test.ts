import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { ARRIVAL, NS, taskflowSpec } from './fixtures';
import { podsOf, restarts, singleAppSpec } from './helpers';

/** Step through sim time and note when the container was (re)started and when it exited. */
function timeline(exitAfter: number, seconds: number) {
  const c = createCluster(singleAppSpec('example/crasher:1.0', [{ logs: [], exit: { after: exitAfter, code: 1 } }]), ARRIVAL);
  const starts: number[] = [];
  const waits: string[] = [];
  let lastStarted = '';
  for (let t = 0; t <= seconds * 10; t++) {
    c.advanceTo(ARRIVAL + t * 100);
    const s = podsOf(c, 'app')[0]?.status?.containerStatuses?.[0];
    const started = s?.state?.running?.startedAt;
    if (started && started + (s?.restartCount ?? 0) !== lastStarted) {
      lastStarted = started + (s?.restartCount ?? 0);
      starts.push(t * 100);
    }
    const msg = s?.state?.waiting?.message;
    if (msg && waits[waits.length - 1] !== msg) waits.push(msg);
  }
  return { c, starts, waits };
}

describe('container back-off', () => {
  it('restarts at once after the first crash, then waits 10 s, 20 s, 40 s ... capped at 5 minutes', () => {
    const { starts, waits, c } = timeline(2, 1500);
    const gaps = starts.slice(1).map((s, i) => (s - starts[i]!) / 1000 - 2);
    // First restart: only the one-second relist delay.
    expect(gaps[0]).toBeLessThan(1.2);
    const expected = [10, 20, 40, 80, 160, 300, 300];
    expected.forEach((backoff, i) => {
      const gap = gaps[i + 1]!;
      // Never before the back-off expires; at most one worker retry (15 s) plus relist later.
      expect(gap).toBeGreaterThanOrEqual(backoff);
      expect(gap).toBeLessThan(backoff + 16.5);
    });
    expect(waits.map((w) => w.split(' ')[1])).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
    const pod = podsOf(c, 'app')[0]!;
    expect(waits[0]).toBe(
      `back-off 10s restarting failed container=app pod=${pod.metadata!.name}_${NS}(${pod.metadata!.uid})`,
    );
  });

  it('shows the crash-looping pod of the scenario as the learner finds it 9 minutes after the deploy', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const pods = podsOf(c, 'api-service');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      const s = pod.status!.containerStatuses![0]!;
      // 10+20+40+80+160 s of back-off plus runs fit in 9 minutes; the next 300 s wait does not.
      expect(s.restartCount).toBeGreaterThanOrEqual(5);
      expect(s.restartCount).toBeLessThanOrEqual(6);
      expect(pod.status!.phase).toBe('Running');
      expect(s.ready).toBe(false);
      expect(s.state?.waiting?.reason).toBe('CrashLoopBackOff');
      expect(s.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
      expect(s.lastState?.terminated?.containerID).toBe(s.containerID);
      expect(s.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
      expect(s.imageID).toMatch(/^registry\.example\/taskflow\/api-service@sha256:[0-9a-f]{64}$/);
    }
  });

  it('forgets the back-off once a container ran for more than 10 minutes', () => {
    const c = createCluster(singleAppSpec('example/slow-crasher:1.0', [{ logs: [], exit: { after: 700, code: 1 } }]), ARRIVAL);
    let sawBackOff = false;
    for (let t = 0; t <= 3000; t += 1) {
      c.advanceTo(ARRIVAL + t * 1000);
      const s = podsOf(c, 'app')[0]?.status?.containerStatuses?.[0];
      if (s?.state?.waiting?.reason === 'CrashLoopBackOff') sawBackOff = true;
    }
    expect(sawBackOff).toBe(false);
    expect(restarts(podsOf(c, 'app')[0])).toBe(4);
  });

  it('keeps backing off when runs are shorter than 10 minutes', () => {
    const c = createCluster(singleAppSpec('example/crasher:2.0', [{ logs: [], exit: { after: 500, code: 1 } }]), ARRIVAL);
    c.advanceTo(ARRIVAL + 1010_000);
    const s = podsOf(c, 'app')[0]?.status?.containerStatuses?.[0];
    expect(s?.state?.waiting?.message).toMatch(/^back-off 10s restarting failed container=app /);
  });

  it('restarts containers that exit 0 too, reporting Completed', () => {
    const c = createCluster(singleAppSpec('example/oneshot:1.0', [{ logs: [], exit: { after: 1, code: 0 } }]), ARRIVAL);
    c.advanceTo(ARRIVAL + 60_000);
    const s = podsOf(c, 'app')[0]!.status!.containerStatuses![0]!;
    expect(s.restartCount).toBeGreaterThanOrEqual(2);
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });
});
