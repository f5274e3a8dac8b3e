/**
 * Older saves. Hand-written fixtures of every shape a stored session has had (from git log -p
 * src/storage/schema.ts): each must load, list in the picker, export, and save again. Then the
 * migration mechanics, with a made-up older format, since format 1 is the only one written so far.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../../src/storage/backend';
import { SAVE_FORMAT } from '../../../src/incident/api';
import { migrateRecord, MIGRATIONS, type Migration } from '../../../src/storage/migrations';
import { CORRUPT_PREFIX, createProgressStore } from '../../../src/storage/progressStore';
import type { SessionSave } from '../../../src/incident/api';

const base = { format: 1, scenarioId: 'a', arrivalMs: 1_000, simNowMs: 61_000, transcript: '$ kubectl get pods\r\n' };
const sixSections = { summary: 's', impact: 'i', rootCause: 'r', trigger: 't', resolution: 'res', actionItems: 'a' };

/** [when, what changed, the record as that version stored it]. */
const HISTORY: [string, string, Record<string, unknown>][] = [
  [
    '67fc979 (first storage)',
    'exec and action inputs only, two decisions, a six-section draft, no score, no revision',
    {
      scenarioId: 'a',
      save: {
        ...base,
        inputs: [
          { at: 2_000, kind: 'exec', line: 'kubectl get pods' },
          { at: 3_000, kind: 'action', action: { type: 'decide', choice: 'rollback' } },
        ],
      },
      savedAt: 5,
      status: 'in-progress',
      postmortemDraft: sixSections,
    },
  ],
  ['d0e2401', 'Ctrl-C interrupts', { scenarioId: 'a', save: { ...base, inputs: [{ at: 2_000, kind: 'interrupt' }] }, savedAt: 5, status: 'in-progress' }],
  [
    '48cb209',
    'kubectl edit, saved and cancelled',
    {
      scenarioId: 'a',
      save: { ...base, inputs: [{ at: 2_000, kind: 'edit', text: 'kind: Pod\n' }, { at: 3_000, kind: 'edit', text: null }] },
      savedAt: 5,
      status: 'in-progress',
    },
  ],
  ['4ac3939', 'the hold decision', { scenarioId: 'a', save: { ...base, inputs: [{ at: 2_000, kind: 'action', action: { type: 'decide', choice: 'hold' } }] }, savedAt: 5, status: 'resolved' }],
  ['da68645', 'the score', { scenarioId: 'a', save: { ...base, inputs: [] }, savedAt: 5, status: 'resolved', score: 83 }],
  [
    '8a1baeb',
    'decision reasons, stakeholder updates, the hand-over',
    {
      scenarioId: 'a',
      save: {
        ...base,
        inputs: [
          { at: 2_000, kind: 'action', action: { type: 'decide', choice: 'fix-forward', reasons: ['reversibility'] } },
          { at: 3_000, kind: 'action', action: { type: 'giveReasons', reasons: ['blast-radius', 'time-to-fix'] } },
          { at: 4_000, kind: 'action', action: { type: 'postUpdate', text: 'Investigating.' } },
          { at: 5_000, kind: 'action', action: { type: 'handOver', text: 'Over to you.' } },
        ],
      },
      savedAt: 5,
      status: 'in-progress',
    },
  ],
  [
    '9caeed4',
    'a ten-section draft',
    { scenarioId: 'a', save: { ...base, inputs: [] }, savedAt: 5, status: 'resolved', postmortemDraft: { ...sixSections, timeline: '', detection: 'd', wentWell: 'w', wentBadly: 'b' } },
  ],
];

describe('every historical save shape still loads', () => {
  for (const [when, what, record] of HISTORY) {
    it(`${when}: ${what}`, async () => {
      const backend = createMemoryBackend();
      await backend.put('sessions', 'a', record);
      const store = createProgressStore(backend, () => 9);
      const loaded = await store.load('a');
      expect(loaded).toEqual({ kind: 'ok', record });
      expect((await store.statuses()).get('a')?.status).toBe(record.status);
      const exported = await store.exportAll();
      expect(exported.ok && exported.data.sessions).toEqual([record]);
      // Nothing was moved aside, and the next save writes over it as usual.
      expect((await backend.entries('sessions')).map(([k]) => k)).toEqual(['a']);
      expect(await store.save(record.save as SessionSave, 'in-progress')).toEqual({ ok: true });
    });
  }

  it('settings from before a setting existed fall back to its default', async () => {
    const backend = createMemoryBackend();
    await backend.put('settings', 'settings', {});
    expect(await createProgressStore(backend, () => 1).loadSettings()).toEqual({ screenReaderMode: false, theme: 'system' });
    // Saved when only the screen-reader setting existed: kept, the theme defaults.
    await backend.put('settings', 'settings', { screenReaderMode: true });
    expect(await createProgressStore(backend, () => 1).loadSettings()).toEqual({ screenReaderMode: true, theme: 'system' });
  });

  it('no migration is registered: format 1 is the only format ever written', () => {
    expect(SAVE_FORMAT).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });
});

describe('migrations', () => {
  /** A made-up format 0: commands as bare strings and a `started` time. */
  const formatZero = { scenarioId: 'a', savedAt: 5, status: 'in-progress', save: { format: 0, scenarioId: 'a', started: 1_000, now: 61_000, commands: ['kubectl get pods', 'kubectl logs web'] } };
  const zeroToOne: Migration = (record) => {
    const save = record.save as { scenarioId: string; started: number; now: number; commands: string[] };
    return {
      ...record,
      save: {
        format: 1,
        scenarioId: save.scenarioId,
        arrivalMs: save.started,
        simNowMs: save.now,
        inputs: save.commands.map((line, i) => ({ at: save.started + i, kind: 'exec', line })),
        transcript: '',
      },
    };
  };

  it('brings an older record up to date step by step, and keeps the original aside', async () => {
    const backend = createMemoryBackend();
    await backend.put('sessions', 'a', formatZero);
    const store = createProgressStore(backend, () => 9, { migrations: { 0: zeroToOne } });
    const loaded = await store.load('a');
    expect(loaded.kind === 'ok' && loaded.record.save.inputs.map((i) => i.kind === 'exec' && i.line)).toEqual(['kubectl get pods', 'kubectl logs web']);
    expect(await backend.get('sessions', `${CORRUPT_PREFIX}a:9`)).toEqual({ reason: 'before migration from save format 0', value: formatZero });
    expect((await store.statuses()).get('a')).toEqual({ status: 'in-progress' });
  });

  it('runs a chain of steps in order', () => {
    const steps: Record<number, Migration> = { 1: (r) => ({ ...r, trail: ['1→2'] }), 2: (r) => ({ ...r, trail: [...(r.trail as string[]), '2→3'] }) };
    expect(migrateRecord({ save: { format: 1 } }, steps, 3)).toEqual({ kind: 'migrated', from: 1, record: { save: { format: 1 }, trail: ['1→2', '2→3'] } });
  });

  it('an older format with no way forward is kept aside, not deleted', async () => {
    const backend = createMemoryBackend();
    await backend.put('sessions', 'a', formatZero);
    const loaded = await createProgressStore(backend, () => 9).load('a');
    expect(loaded).toEqual({ kind: 'unreadable', keptAs: `${CORRUPT_PREFIX}a:9`, reason: 'no way to read save format 0' });
    expect(await backend.get('sessions', `${CORRUPT_PREFIX}a:9`)).toMatchObject({ value: formatZero });
  });

  it('a step that throws is reported and the record kept aside', async () => {
    const backend = createMemoryBackend();
    await backend.put('sessions', 'a', formatZero);
    const throwing: Migration = () => {
      throw new Error('commands missing');
    };
    const loaded = await createProgressStore(backend, () => 9, { migrations: { 0: throwing } }).load('a');
    expect(loaded).toMatchObject({ kind: 'unreadable', reason: 'save format 0 could not be updated (commands missing)' });
  });

  it('a record from a newer format is left untouched and cannot be overwritten from this tab', async () => {
    const backend = createMemoryBackend();
    const future = { ...formatZero, save: { ...formatZero.save, format: 7 } };
    await backend.put('sessions', 'a', future);
    const store = createProgressStore(backend, () => 9);
    expect(await store.load('a')).toEqual({ kind: 'newer', format: 7 });
    expect((await store.save({ ...(HISTORY[0]?.[2].save as SessionSave) }, 'in-progress')).ok).toBe(false);
    expect(await backend.get('sessions', 'a')).toEqual(future);
    expect((await store.statuses()).size).toBe(0);
  });
});
