/**
 * Saving, reloading and replaying reproduce the same world, for every scenario in the catalog.
 *
 * Each scenario is played as a learner would (the answer key's path with wrong turns: a typo, an
 * unknown flag, a watch stopped with Ctrl-C, an editor closed without saving, a namespace switch,
 * hints, board moves, a severity change, updates, a note), saved, sent through JSON and the storage
 * schema as IndexedDB would keep it, and restored into a new session. The restored session must
 * hold the same world (every object and container log, the same dump `npm run play --dump-world`
 * writes, plus the metrics samples), the same game (score, timeline, board, clues, hints,
 * transcript, history) and, from there on, answer every next command with the same bytes as the
 * original carrying on. It is checked twice: mid-incident (before recovery is confirmed) and after
 * the postmortem.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpWorld } from '../../../src/cli';
import { createSession, restoreSession, type GameAction, type Session, type SessionSave } from '../../../src/incident';
import { loadScenarioFile, scenarioIds, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { loadYamlParser } from '../../../src/kubectl/manifest/yamlParser';
import { sessionSaveSchema } from '../../../src/storage/schema';
import { fillPlaceholders } from './expectedPath';

beforeAll(loadYamlParser);

/** 2026-12-01T09:30:00Z */
const ARRIVAL = Date.UTC(2026, 11, 1, 9, 30, 0);

/** What the storage layer does to a save: JSON in IndexedDB, checked by its schema on the way back. */
function throughStorage(save: SessionSave): SessionSave {
  const parsed = sessionSaveSchema.safeParse(JSON.parse(JSON.stringify(save)));
  if (!parsed.success) throw new Error(`the storage schema refused the save: ${parsed.error.issues[0]?.message}`);
  return parsed.data as SessionSave;
}

/** Everything a learner could tell apart: the world, its metrics, the game, the terminal. */
function snapshot(s: Session) {
  const save = s.save();
  return {
    now: s.cluster.now(),
    world: dumpWorld(s.cluster),
    telemetry: JSON.stringify(s.cluster.telemetry?.() ?? []),
    state: JSON.stringify(s.state()),
    namespace: s.namespace(),
    history: [...s.history()],
    following: s.following(),
    editing: s.editing(),
    transcript: save.transcript,
    inputs: JSON.stringify(save.inputs),
  };
}

function out(r: { stdout: string; stderr: string; exitCode: number }): string {
  return `${r.exitCode}\n${r.stdout}\u0000${r.stderr}`;
}

function dispatchAll(s: Session, actions: GameAction[]): string[] {
  return actions.map((a) => JSON.stringify(s.dispatch(a)));
}

/** The first half of an incident: investigation with wrong turns, board, decision; not yet verified. */
function playFirstHalf(scenario: Scenario, arrivalMs: number): Session {
  const ns = scenario.recovery.namespace;
  const s = createSession(scenario, { arrivalMs });
  s.exec('kubectl get pods -A');
  // A severity first too low, changed later: both are on the timeline.
  expect(s.dispatch({ type: 'setSeverity', severity: scenario.answerKey.severity === 'SEV4' ? 'SEV3' : 'SEV4' })).toEqual({ ok: true });
  expect(s.dispatch({ type: 'startInvestigation' })).toEqual({ ok: true });
  // Sim time follows wall time while the learner reads (the UI's ticks): recorded only through
  // the times of the inputs after it, and the save's own time.
  s.tick(1_000);
  s.tick(8_500);
  s.exec('kubectl get podz');
  s.exec(`kubect get pods -n ${ns}`);
  s.exec(`kubectl get pods -n ${ns} --bogus`);
  expect(s.dispatch({ type: 'revealHint', hintId: scenario.hints[0]!.id })).toEqual({ ok: true });
  s.dispatch({ type: 'wait', seconds: 45 });
  // A watch, stopped with Ctrl-C after some sim time: what it printed meanwhile is in the transcript.
  s.exec(`kubectl get pods -n ${ns} -w`);
  s.dispatch({ type: 'wait', seconds: 30 });
  s.interrupt();
  // The editor opened and closed without saving.
  s.exec(`kubectl edit deployment/${scenario.recovery.deployment} -n ${ns}`);
  if (s.editing() !== undefined) s.submitEdit(undefined);
  s.exec(`kubectl config set-context --current --namespace=${ns}`);
  expect(s.dispatch({ type: 'setSeverity', severity: scenario.answerKey.severity })).toEqual({ ok: true });
  s.dispatch({ type: 'postUpdate', text: `[${scenario.answerKey.severity}] Users see errors. Investigating. Next update in 30 minutes.` });
  for (const [i, step] of scenario.answerKey.expectedPath.entries()) {
    if (step.command.startsWith('(')) continue;
    s.exec(fillPlaceholders(step.command, s, scenario));
    if (s.following()) {
      s.dispatch({ type: 'wait', seconds: 10 });
      s.interrupt();
    }
    if (i === 1) {
      s.exec(`kubectl top pods -n ${ns}`);
      s.exec(`kubectl get events -n ${ns} -o json | grep -c reason`);
      s.dispatch({ type: 'addNote', text: 'Checked the events; paging the owning team.' });
    }
    s.dispatch({ type: 'wait', seconds: 20 });
  }
  // The board: a supported statement as a fact (citing a revealed clue), a red herring as an assumption.
  const clues = new Set(s.state().clues.map((c) => c.id));
  const fact = scenario.board.find((c) => c.supportedBy.some((id) => clues.has(id)));
  if (fact !== undefined) {
    const evidence = fact.supportedBy.find((id) => clues.has(id))!;
    expect(s.dispatch({ type: 'moveCard', cardId: fact.id, column: 'fact', evidenceClueId: evidence })).toEqual({ ok: true });
  }
  const herring = scenario.board.find((c) => c.supportedBy.length === 0)!;
  expect(s.dispatch({ type: 'moveCard', cardId: herring.id, column: 'assumption' })).toEqual({ ok: true });
  s.dispatch({ type: 'addCard', text: 'The alert fired minutes after a change', column: 'unsorted' });
  if (scenario.decision.recommended === 'hold' && s.state().decision === undefined) {
    expect(s.dispatch({ type: 'decide', choice: 'hold', reasons: ['reversibility'] })).toEqual({ ok: true });
  }
  // Some reading time after the last input: the save's time, not an input's.
  s.tick(100_000);
  s.tick(137_250);
  return s;
}

/** The second half: wait for recovery, confirm it, the last update, the postmortem. */
function playSecondHalf(s: Session, scenario: Scenario): string[] {
  const results: string[] = [];
  for (let waited = 0; waited <= 600; waited += 60) {
    results.push(...dispatchAll(s, [{ type: 'wait', seconds: 60 }]));
    if (waited + 60 >= scenario.recovery.stableSeconds) {
      results.push(...dispatchAll(s, [{ type: 'declareResolved' }]));
      if (s.state().resolvedAt !== undefined) break;
    }
  }
  results.push(
    ...dispatchAll(s, [
      { type: 'postUpdate', text: 'Resolved: the service is healthy again. A postmortem follows.' },
      { type: 'submitPostmortem', draft: scenario.answerKey.examplePostmortem },
    ]),
  );
  return results;
}

/** The commands a learner might type next, output by output. */
function nextCommands(s: Session, scenario: Scenario): string[] {
  const ns = scenario.recovery.namespace;
  const pod = s.exec(`kubectl get pods -n ${ns} -o name`).stdout.split('\n')[0]!.replace('pod/', '');
  return [
    `kubectl get pods -n ${ns} -o wide`,
    `kubectl describe pod ${pod} -n ${ns}`,
    `kubectl logs ${pod} -n ${ns} --all-containers --tail=20`,
    'kubectl get events -A',
    `kubectl get deployment ${scenario.recovery.deployment} -n ${ns} -o yaml`,
    `kubectl rollout history deployment/${scenario.recovery.deployment} -n ${ns}`,
    `kubectl top pods -n ${ns}`,
    'history | tail -n 3',
  ].map((line) => out(s.exec(line)));
}

describe.each(scenarioIds())('determinism: %s', (id) => {
  const scenario = loadScenarioFile(scenarioPath(id));

  it('a save restored mid-incident and after the postmortem is the same world, game and terminal, and answers the next commands with the same bytes', () => {
    const original = playFirstHalf(scenario, ARRIVAL);
    const mid = original.state();
    // The session really is mid-incident, with a story behind it.
    expect(mid.resolvedAt).toBeUndefined();
    expect(mid.decision, 'a decision was made').toBeDefined();
    expect(mid.clues.length).toBeGreaterThan(0);
    expect(mid.hints).toEqual([{ id: scenario.hints[0]!.id, revealed: 1 }]);
    expect(mid.board.filter((c) => c.column !== 'unsorted').length).toBeGreaterThanOrEqual(1);
    expect(mid.timeline.some((e) => e.text.startsWith('Severity changed from'))).toBe(true);
    expect(original.save().transcript).toContain('^C\n');

    const restored = restoreSession(scenario, throughStorage(original.save()));
    expect(snapshot(restored)).toEqual(snapshot(original));
    // Carrying on in both: the same answers, the same game at the end, the same world.
    expect(nextCommands(restored, scenario)).toEqual(nextCommands(original, scenario));
    expect(playSecondHalf(restored, scenario)).toEqual(playSecondHalf(original, scenario));
    expect(original.state().phase).toBe('results');
    expect(original.state().debrief?.total).toBeGreaterThan(0);
    expect(snapshot(restored)).toEqual(snapshot(original));

    // The finished incident, saved and restored again (the save of a restored session included).
    const saves = [original.save(), restored.save()];
    const finished = snapshot(original);
    for (const save of saves) {
      const again = restoreSession(scenario, throughStorage(save));
      expect(snapshot(again)).toEqual(finished);
      const twin = restoreSession(scenario, throughStorage(saves[0]!));
      expect(nextCommands(again, scenario)).toEqual(nextCommands(twin, scenario));
    }
  });

  it('replaying the same inputs twice gives the same bytes; another arrival, seed or input does not', () => {
    const save = throughStorage(playFirstHalf(scenario, ARRIVAL).save());
    const a = restoreSession(scenario, save);
    const b = restoreSession(scenario, save);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(nextCommands(a, scenario)).toEqual(nextCommands(b, scenario));

    // The comparison can fail: a minute's later arrival moves every timestamp; another seed renames
    // the pods; a save without its last command differs in the history at least.
    const fresh = dumpWorld(createSession(scenario, { arrivalMs: ARRIVAL }).cluster);
    expect(dumpWorld(createSession(scenario, { arrivalMs: ARRIVAL + 60_000 }).cluster)).not.toBe(fresh);
    const reseeded: Scenario = { ...scenario, world: { ...scenario.world, seed: scenario.world.seed + 1 } };
    expect(dumpWorld(createSession(reseeded, { arrivalMs: ARRIVAL }).cluster)).not.toBe(fresh);
    const lastExec = save.inputs.map((i) => i.kind).lastIndexOf('exec');
    const shorter = restoreSession(scenario, { ...save, inputs: save.inputs.filter((_, i) => i !== lastExec) });
    expect(snapshot(shorter).history).not.toEqual(snapshot(a).history);
    // Cut just before the decision (its command, or the hold): an undecided game, and for a change
    // in the cluster, another world.
    const decidedAt = a.state().decision!.at;
    const undecided = restoreSession(scenario, { ...save, inputs: save.inputs.filter((i) => i.at < decidedAt), simNowMs: decidedAt });
    expect(undecided.state().decision).toBeUndefined();
    if (scenario.decision.recommended !== 'hold') {
      const decided = restoreSession(scenario, { ...save, inputs: save.inputs.filter((i) => i.at <= decidedAt), simNowMs: decidedAt });
      expect(dumpWorld(undecided.cluster)).not.toBe(dumpWorld(decided.cluster));
    }
  });
});
