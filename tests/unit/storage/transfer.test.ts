/**
 * Progress carried to another browser: exported as one JSON document, imported record by record,
 * merged so nothing is duplicated and the further game of a scenario wins.
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/incident';
import { createMemoryBackend } from '../../../src/storage/backend';
import { createProgressStore } from '../../../src/storage/progressStore';
import { ARRIVAL, scenario } from '../incident/fixtures';

function playedSave(moves: number) {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
  s.dispatch({ type: 'startInvestigation' });
  for (let i = 0; i < moves; i++) s.exec('kubectl get pods -n taskflow-demo');
  return s.save();
}

const custom = { fileName: 'mine.yaml', text: 'id: mine', id: 'mine', title: 'Mine', summary: 's', failureType: 'x', difficulty: 'beginner', estimatedMinutes: 5, loadedAt: 1 };

describe('progress export and import', () => {
  it('round-trips every save and loaded scenario file into an empty browser', async () => {
    const a = createProgressStore(createMemoryBackend(), () => 1000);
    await a.save(playedSave(2), 'in-progress');
    await a.saveCustomScenario('my:mine', custom);
    const exported = await a.exportAll();
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.data).toMatchObject({ format: 'firedrill-progress', version: 1, sessions: [{ scenarioId: 'taskflow-crashloop' }], scenarios: [{ key: 'my:mine' }] });

    const b = createProgressStore(createMemoryBackend(), () => 2000);
    const report = await b.importAll(JSON.stringify(exported.data));
    expect(report).toMatchObject({ ok: true, added: 2, updated: 0, unchanged: 0, skipped: [] });
    expect(await b.statuses()).toEqual(new Map([['taskflow-crashloop', { status: 'in-progress' }]]));
    expect(await b.loadCustomScenario('my:mine')).toEqual(custom);
    // Importing the same file again changes nothing.
    expect(await b.importAll(JSON.stringify(exported.data))).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 2 });
  });

  it('keeps the further game of a scenario: an older export does not overwrite newer progress', async () => {
    const old = createProgressStore(createMemoryBackend(), () => 1000);
    await old.save(playedSave(1), 'in-progress');
    const oldExport = await old.exportAll();
    const here = createProgressStore(createMemoryBackend(), () => 3000);
    await here.save(playedSave(5), 'resolved', { score: 88 });
    if (!oldExport.ok) throw new Error(oldExport.reason);
    expect(await here.importAll(JSON.stringify(oldExport.data))).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 1 });
    expect((await here.statuses()).get('taskflow-crashloop')).toEqual({ status: 'resolved', score: 88 });

    // And the other way: the resolved game replaces the shorter one.
    const newer = await here.exportAll();
    if (!newer.ok) throw new Error(newer.reason);
    expect(await old.importAll(JSON.stringify(newer.data))).toMatchObject({ ok: true, updated: 1 });
    expect((await old.statuses()).get('taskflow-crashloop')).toEqual({ status: 'resolved', score: 88 });
  });

  it('refuses what is not an export, skips invalid records by name, and changes nothing it should not', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 1);
    expect(await store.importAll('not json')).toMatchObject({ ok: false, summary: expect.stringMatching(/not JSON/) });
    expect(await store.importAll('{"format":"something-else","version":1,"sessions":[]}')).toMatchObject({ ok: false, summary: expect.stringMatching(/not a Firedrill progress export/) });
    expect(await store.importAll(' '.repeat(21 * 1024 * 1024))).toMatchObject({ ok: false, summary: expect.stringMatching(/too large/) });
    const good = { scenarioId: 'taskflow-crashloop', save: playedSave(1), savedAt: 5, status: 'in-progress' };
    const report = await store.importAll(
      JSON.stringify({
        format: 'firedrill-progress',
        version: 1,
        sessions: [
          { ...good, status: 'hacked' },
          { ...good, scenarioId: 'corrupt:x' },
          { ...good, scenarioId: 'other', save: { ...good.save, scenarioId: 'taskflow-crashloop' } },
          good,
          good,
        ],
        scenarios: [{ key: 'taskflow-crashloop', record: custom }, { key: 'my:<script>', record: custom }],
      }),
    );
    expect(report).toMatchObject({ ok: true, added: 1, skipped: ['sessions[0]', 'sessions[1] (corrupt:x)', 'sessions[2] (other)', 'sessions[4] (taskflow-crashloop)', 'scenarios[0]', 'scenarios[1]'] });
    expect(report.summary).toBe('Imported: 1 added, 0 updated, 0 already here; 6 records skipped as invalid.');
    expect([...(await store.statuses()).keys()]).toEqual(['taskflow-crashloop']);
    expect(await store.customScenarios()).toEqual([]);
  });

  it('skips a save whose transcript or typed lines carry terminal escape sequences: the terminal would obey them, not show them', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 1);
    const save = playedSave(1);
    const session = (over: Partial<typeof save>) => ({ scenarioId: 'taskflow-crashloop', save: { ...save, ...over }, savedAt: 5, status: 'in-progress' });
    const report = await store.importAll(
      JSON.stringify({
        format: 'firedrill-progress',
        version: 1,
        sessions: [
          session({ transcript: `${save.transcript}\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07\n` }),
          // Another scenario's save (so it is not a duplicate) whose last typed line holds a C1 CSI.
          { ...session({}), scenarioId: 'taskflow-imagepull', save: { ...save, scenarioId: 'taskflow-imagepull', inputs: [...save.inputs, { at: save.simNowMs, kind: 'exec', line: 'echo \x9b2J' }] } },
        ],
      }),
    );
    expect(report).toMatchObject({ ok: true, added: 0, skipped: ['sessions[0] (taskflow-crashloop)', 'sessions[1] (taskflow-imagepull)'] });
    // Tabs and line breaks are text: the same save without the escapes comes in.
    expect(await store.importAll(JSON.stringify({ format: 'firedrill-progress', version: 1, sessions: [session({ transcript: `${save.transcript}a\tb\n` })] }))).toMatchObject({ added: 1, skipped: [] });
  });
});
