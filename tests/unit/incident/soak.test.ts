/**
 * A 10,000-command session keeps what it holds in memory bounded, and its save (which must grow:
 * it is the input log) still restores to the same world. No timings here: those are in
 * `npm run bench` (scripts/benchSim.ts, soakFigures); this checks what the session keeps.
 */
import { describe, expect, it } from 'vitest';
import { dumpWorld } from '../../../src/cli';
import { EVENT_TTL_MS } from '../../../src/cluster/events';
import { TELEMETRY_MAX_SAMPLES } from '../../../src/cluster/telemetry';
import { createSession, restoreSession, type SessionSave } from '../../../src/incident';
import { MAX_HISTORY, MAX_TRANSCRIPT, TRIMMED_MARKER } from '../../../src/incident/session';
import { sessionSaveSchema } from '../../../src/storage/schema';
import { ARRIVAL, NS, scenario } from './fixtures';

const COMMANDS = 10_000;

describe('a 10,000-command session', () => {
  it('keeps its transcript, history, events and metrics within their caps, and its save restores the same world', () => {
    const s = createSession(scenario(), { arrivalMs: ARRIVAL });
    s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
    s.dispatch({ type: 'startInvestigation' });
    const pod = s.exec(`kubectl get pods -n ${NS} -o name`).stdout.split('\n')[0]!.replace('pod/', '');
    const lines = [
      `kubectl get pods -n ${NS}`,
      `kubectl describe pod ${pod} -n ${NS} | head -n 20`,
      `kubectl logs ${pod} -n ${NS} --tail=5`,
      `kubectl events -n ${NS}`,
      'kubectl get podz',
      `kubectl get pods -n ${NS} -w`,
      'history | tail -n 2',
    ];
    let wall = 0;
    s.tick(wall);
    let longestTranscript = 0;
    let mostEvents = 0;
    let last = '';
    for (let i = 1; i <= COMMANDS; i++) {
      last = i % 500 === 0 ? `kubectl scale deployment/api-service -n ${NS} --replicas=${2 + ((i / 500) % 2)}` : lines[i % lines.length]!;
      s.exec(last);
      wall += 2_000;
      s.tick(wall);
      if (i % 10 === 0) {
        s.dispatch({ type: 'wait', seconds: 30 });
        s.tick(wall);
      }
      if (i % 1000 === 0) {
        longestTranscript = Math.max(longestTranscript, s.save().transcript.length);
        mostEvents = Math.max(mostEvents, s.cluster.list('Event').length);
      }
    }
    const hours = (s.cluster.now() - ARRIVAL) / 3_600_000;
    expect(hours).toBeGreaterThan(13);

    // What the play screen keeps, at its caps: the newest output, the newest history.
    const save = s.save();
    expect(longestTranscript).toBeLessThanOrEqual(MAX_TRANSCRIPT);
    expect(save.transcript.startsWith(TRIMMED_MARKER)).toBe(true);
    expect(save.transcript).toContain(`$ kubectl get pods -n ${NS}\n`);
    expect(s.history()).toHaveLength(MAX_HISTORY);
    expect(s.history().at(-1)).toBe(last);
    // The cluster forgets events an hour old, as an API server does (--event-ttl=1h): what is kept
    // is what the last hour produced, far fewer than 13 hours of crash loops would leave.
    const events = s.cluster.list('Event');
    expect(mostEvents).toBeLessThan(200);
    for (const e of events) expect(Date.parse(e.lastTimestamp ?? e.eventTime ?? '')).toBeGreaterThan(s.cluster.now() - EVENT_TTL_MS - 1000);
    expect(s.cluster.telemetry?.().length).toBe(TELEMETRY_MAX_SAMPLES);
    // The game's timeline holds what happened (each scale is an action), not every command.
    expect(s.state().timeline.length).toBeLessThan(60);

    // The input log is the save: every command and wait, kept, and it replays to the same world.
    const kinds = save.inputs.map((i) => i.kind);
    expect(kinds.filter((k) => k === 'exec')).toHaveLength(COMMANDS + 1);
    expect(kinds.filter((k) => k === 'action')).toHaveLength(COMMANDS / 10 + 2);
    // Each watch was stopped by the line after it, as Ctrl-C.
    expect(kinds.filter((k) => k === 'interrupt').length).toBeGreaterThan(COMMANDS / lines.length - 10);
    const stored = sessionSaveSchema.parse(JSON.parse(JSON.stringify(save))) as SessionSave;
    const restored = restoreSession(scenario(), stored);
    expect(restored.cluster.now()).toBe(s.cluster.now());
    expect(dumpWorld(restored.cluster)).toBe(dumpWorld(s.cluster));
    expect(JSON.stringify(restored.state())).toBe(JSON.stringify(s.state()));
    expect(restored.save().transcript).toBe(save.transcript);
    expect(restored.history()).toEqual(s.history());
    expect(restored.exec(`kubectl get pods -n ${NS} -o wide`).stdout).toBe(s.exec(`kubectl get pods -n ${NS} -o wide`).stdout);
  }, 300_000);
});
