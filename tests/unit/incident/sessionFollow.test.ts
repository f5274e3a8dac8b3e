import { describe, expect, it } from 'vitest';
import { createSession, restoreSession, type Session } from '../../../src/incident';
import type { FollowEvent } from '../../../src/incident/api';
import { listAll } from '../../../src/cluster/index';
import { MAX_TRANSCRIPT, TRIMMED_MARKER } from '../../../src/incident/session';
import { ARRIVAL, NS, scenario } from './fixtures';

function started(): Session {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
  s.dispatch({ type: 'startInvestigation' });
  return s;
}

/** Plays the same inputs with the UI's timer firing at `ticks` (wall ms after the first tick). */
function play(ticks: readonly number[]): { s: Session; events: FollowEvent[] } {
  const s = started();
  const events: FollowEvent[] = [];
  s.onOutput((e) => events.push(e));
  const wall0 = 1_000_000;
  s.tick(wall0);
  s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`);
  const r = s.exec(`kubectl get pods -n ${NS} -w`);
  expect(r.follow).toBeDefined();
  expect(s.following()).toBe(true);
  for (const t of ticks) s.tick(wall0 + t);
  s.interrupt();
  s.exec(`kubectl get deploy -n ${NS}`);
  return { s, events };
}

describe('a following command in a session', () => {
  it('prints as the clock follows wall time, stops on Ctrl-C, and the prompt comes back', () => {
    const { s, events } = play([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
    const text = events.map((e) => e.stdout).join('');
    expect(text).toMatch(/api-service-\S+ +0\/1 +ContainerCreating/);
    expect(text).toMatch(/api-service-\S+ +1\/1 +Running/);
    expect(events.at(-1)).toEqual({ stdout: '', stderr: '', ended: 'interrupted' });
    expect(s.following()).toBe(false);
    const save = s.save();
    expect(save.inputs.map((i) => i.kind)).toEqual(['action', 'action', 'exec', 'exec', 'interrupt', 'exec']);
    // The transcript has the table, the streamed rows, ^C, then the next command.
    expect(save.transcript).toMatch(/\$ kubectl get pods -n taskflow-demo -w\nNAME [^]*ContainerCreating[^]*\^C\n\(default\) \$ kubectl get deploy/);
  });

  it('gives the same world, game and streamed rows however the timer fires, and replays to them', () => {
    const a = play([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
    const b = play([350, 1999, 5100, 8000]);
    const rows = (x: { events: FollowEvent[] }) => x.events.map((e) => e.stdout).join('');
    expect(rows(b)).toBe(rows(a));
    expect(b.s.save()).toEqual(a.s.save());
    const restored = restoreSession(scenario(), structuredClone(a.s.save()));
    expect(JSON.stringify(listAll(restored.cluster as never))).toBe(JSON.stringify(listAll(a.s.cluster as never)));
    expect(restored.state()).toEqual(a.s.state());
    expect(restored.following()).toBe(false);
  });

  it('a save taken while following restores still following, and Ctrl-C then stops it', () => {
    const s = started();
    s.tick(0);
    s.exec(`watch -n 2 kubectl get pods -n ${NS}`);
    s.tick(5000);
    // 80 columns: procps clips the command to fit `HOST: DATE` on the right.
    expect(s.followScreen()).toMatch(/^Every 2\.0s: kubectl get pods -n taskflow\.\.\. {2}firedrill: Tue Nov 24 15:40:04 2026\n\nNAME/);
    const r = restoreSession(scenario(), structuredClone(s.save()));
    expect(r.following()).toBe(true);
    expect(r.followScreen()).toBe(s.followScreen());
    r.interrupt();
    expect(r.following()).toBe(false);
    // The full-screen watch leaves only its command line and ^C in the transcript.
    expect(r.save().transcript).toMatch(/\$ watch -n 2 kubectl get pods -n taskflow-demo\n\^C\n$/);
  });

  it("watch's header fits the terminal's width", () => {
    const s = started();
    s.setColumns(100);
    s.exec(`watch kubectl get pods -n ${NS}`);
    expect(s.followScreen()!.split('\n')[0]).toMatch(/^Every 2\.0s: kubectl get pods -n taskflow-demo {20}firedrill: Tue Nov 24 15:40:00 2026$/);
  });

  it('following output reveals clues like any output', () => {
    const s = started();
    s.tick(0);
    const pod = s.exec(`kubectl get pods -n ${NS} -o name`).stdout.split('\n').find((l) => l.startsWith('pod/api-service-'))!;
    const before = s.state().clues.length;
    // Follow the crash-looping pod's logs until its next run prints the fatal line.
    for (let t = 1; t < 400 && !s.following(); t++) {
      s.tick(t * 1000);
      if (s.cluster.get('Pod', NS, pod.slice(4))?.status?.containerStatuses?.[0]?.state?.running) s.exec(`kubectl logs -f ${pod} -n ${NS}`);
    }
    expect(s.following()).toBe(true);
    for (let t = 400; t < 500 && s.following(); t++) s.tick(t * 1000);
    expect(s.following()).toBe(false);
    expect(s.state().clues.length).toBeGreaterThan(before);
    expect(s.state().clues.some((c) => /logs -f/.test(c.command))).toBe(true);
  });

  it('history lists itself last, numbered like bash', () => {
    const s = started();
    s.exec('date');
    expect(s.exec('history').stdout).toBe('    1  date\n    2  history\n');
  });

  it('keeps the transcript bounded over thousands of commands, marking the cut', () => {
    const s = started();
    for (let i = 0; i < 1000; i++) s.exec(`kubectl get pods -n ${NS}`);
    const t = s.save().transcript;
    expect(t.length).toBeLessThanOrEqual(MAX_TRANSCRIPT);
    expect(t.startsWith(TRIMMED_MARKER)).toBe(true);
    expect(t.split(TRIMMED_MARKER)).toHaveLength(2);
    expect(t.slice(TRIMMED_MARKER.length)).toMatch(/^\(taskflow-demo\) \$ |^NAME|^api-|^web-|^worker-/);
    expect(s.history().length).toBeLessThanOrEqual(1000);
  });
});
