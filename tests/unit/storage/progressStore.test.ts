import { describe, expect, it } from 'vitest';
import type { SessionSave } from '../../../src/incident/api';
import { createMemoryBackend, type KeyValueBackend } from '../../../src/storage/backend';
import { CORRUPT_PREFIX, createProgressStore } from '../../../src/storage/progressStore';

function sampleSave(scenarioId = 'taskflow-crashloop'): SessionSave {
  return {
    format: 1,
    scenarioId,
    arrivalMs: 1_700_000_000_000,
    simNowMs: 1_700_000_060_000,
    inputs: [
      { at: 1_700_000_010_000, kind: 'action', action: { type: 'setSeverity', severity: 'SEV2' } },
      { at: 1_700_000_020_000, kind: 'exec', line: 'kubectl get pods -n taskflow-demo' },
      { at: 1_700_000_030_000, kind: 'action', action: { type: 'moveCard', cardId: 'c1', column: 'fact', evidenceClueId: 'crashloop' } },
    ],
    transcript: '(default) $ kubectl get pods\r\nNo resources found in default namespace.\r\n',
  };
}

function failingBackend(): KeyValueBackend {
  const fail = async () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return { persistent: true, get: fail, put: fail, delete: fail, entries: fail, write: fail, swap: fail };
}

describe('progress store', () => {
  it('round-trips a save with its status and wall time', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 42);
    expect(await store.load('taskflow-crashloop')).toEqual({ kind: 'none' });
    expect(await store.save(sampleSave(), 'in-progress')).toEqual({ ok: true });
    const loaded = await store.load('taskflow-crashloop');
    expect(loaded).toEqual({ kind: 'ok', record: { scenarioId: 'taskflow-crashloop', save: sampleSave(), savedAt: 42, status: 'in-progress', rev: expect.any(String) } });
  });

  it('lists the status of every scenario with progress', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 1);
    await store.save(sampleSave('a'), 'in-progress');
    await store.save(sampleSave('b'), 'resolved');
    await store.save(sampleSave('c'), 'resolved', { score: 83 });
    expect(Object.fromEntries(await store.statuses())).toEqual({ a: { status: 'in-progress' }, b: { status: 'resolved' }, c: { status: 'resolved', score: 83 } });
  });

  it('keeps a corrupt record aside under another key instead of deleting it', async () => {
    const backend = createMemoryBackend();
    const broken = { scenarioId: 'taskflow-crashloop', save: { format: 1, inputs: 'half-written' }, savedAt: 5, status: 'in-progress' };
    await backend.put('sessions', 'taskflow-crashloop', broken);
    const store = createProgressStore(backend, () => 99);

    const loaded = await store.load('taskflow-crashloop');
    expect(loaded.kind).toBe('unreadable');
    const keptAs = loaded.kind === 'unreadable' ? loaded.keptAs : undefined;
    expect(keptAs).toBe(`${CORRUPT_PREFIX}taskflow-crashloop:99`);
    expect(await backend.get('sessions', keptAs as string)).toMatchObject({ value: broken });
    // The slot is free: the next load starts fresh, and the picker does not list the corrupt copy.
    expect(await store.load('taskflow-crashloop')).toEqual({ kind: 'none' });
    expect((await store.statuses()).size).toBe(0);
  });

  it('does not take a save from a newer format for progress, and leaves it where the newer app will look', async () => {
    const backend = createMemoryBackend();
    const newer = { scenarioId: 'x', save: { ...sampleSave('x'), format: 2 }, savedAt: 1, status: 'resolved' };
    await backend.put('sessions', 'x', newer);
    const store = createProgressStore(backend, () => 7);
    expect(await store.load('x')).toEqual({ kind: 'newer', format: 2 });
    expect(await backend.entries('sessions')).toEqual([['x', newer]]);
  });

  it('rejects a record filed under the wrong scenario', async () => {
    const backend = createMemoryBackend();
    await backend.put('sessions', 'x', { scenarioId: 'y', save: sampleSave('y'), savedAt: 1, status: 'resolved' });
    const store = createProgressStore(backend, () => 7);
    expect((await store.load('x')).kind).toBe('unreadable');
  });

  it('moves a readable but unplayable save aside on request', async () => {
    const backend = createMemoryBackend();
    const store = createProgressStore(backend, () => 3);
    await store.save(sampleSave(), 'in-progress');
    expect(await store.keepAside('taskflow-crashloop', 'replay failed')).toEqual({ ok: true });
    expect(await store.load('taskflow-crashloop')).toEqual({ kind: 'none' });
    const aside = (await backend.entries('sessions')).map(([k]) => k);
    expect(aside).toEqual([`${CORRUPT_PREFIX}taskflow-crashloop:3`]);
  });

  it('reports storage failures instead of throwing', async () => {
    const store = createProgressStore(failingBackend(), () => 1);
    expect(await store.load('a')).toEqual({ kind: 'failed', reason: 'The quota has been exceeded.' });
    expect(await store.save(sampleSave(), 'in-progress')).toEqual({ ok: false, reason: 'The quota has been exceeded.', problem: 'quota' });
    expect((await store.clear('a')).ok).toBe(false);
    expect((await store.statuses()).size).toBe(0);
    expect(await store.loadSettings()).toEqual({ screenReaderMode: false, theme: 'system' });
  });

  it('restart clears one scenario and leaves the others', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 1);
    await store.save(sampleSave('a'), 'in-progress');
    await store.save(sampleSave('b'), 'in-progress');
    await store.clear('a');
    expect([...(await store.statuses()).keys()]).toEqual(['b']);
  });

  it('stores settings and falls back to defaults for a bad settings record', async () => {
    const backend = createMemoryBackend();
    const store = createProgressStore(backend, () => 1);
    await store.saveSettings({ screenReaderMode: true, theme: 'light' });
    expect(await store.loadSettings()).toEqual({ screenReaderMode: true, theme: 'light' });
    await backend.put('settings', 'settings', { screenReaderMode: 'yes please' });
    expect(await store.loadSettings()).toEqual({ screenReaderMode: false, theme: 'system' });
  });

  it('reads settings saved before the theme setting existed, keeping what they hold', async () => {
    const backend = createMemoryBackend();
    const store = createProgressStore(backend, () => 1);
    await backend.put('settings', 'settings', { screenReaderMode: true });
    expect(await store.loadSettings()).toEqual({ screenReaderMode: true, theme: 'system' });
    // An unknown theme falls back alone: a screen-reader user keeps the screen reader mode.
    await backend.put('settings', 'settings', { screenReaderMode: true, theme: 'sepia' });
    expect(await store.loadSettings()).toEqual({ screenReaderMode: true, theme: 'system' });
  });
});

describe('postmortem drafts', () => {
  it('keeps an unsubmitted postmortem draft with the save', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 1);
    const draft = { summary: 'API down 12 min', impact: '', rootCause: '', trigger: '', resolution: '', actionItems: '' };
    await store.save(sampleSave(), 'resolved', { postmortemDraft: draft });
    const loaded = await store.load('taskflow-crashloop');
    expect(loaded.kind === 'ok' && loaded.record.postmortemDraft).toEqual(draft);
  });
});
