/**
 * Storage faults against the store layer: backends that fail in one specific way each (quota,
 * a transaction that dies part way, a connection taken over by another tab, reads that fail),
 * corrupt and half-written records, and two tabs saving the same game.
 */
import { describe, expect, it } from 'vitest';
import type { SessionSave } from '../../../src/incident/api';
import { createMemoryBackend, type Change, type KeyValueBackend } from '../../../src/storage/backend';
import { closedError } from '../../../src/storage/idbBackend';
import { CORRUPT_PREFIX, createProgressStore } from '../../../src/storage/progressStore';

function sampleSave(scenarioId = 'taskflow-crashloop', commands = ['kubectl get pods']): SessionSave {
  return {
    format: 1,
    scenarioId,
    arrivalMs: 1_700_000_000_000,
    simNowMs: 1_700_000_060_000,
    inputs: commands.map((line, i) => ({ at: 1_700_000_010_000 + i * 1000, kind: 'exec' as const, line })),
    transcript: commands.map((c) => `$ ${c}\r\n`).join(''),
  };
}

/**
 * A memory backend whose writes fail while `failing` says so, all or nothing (as one IndexedDB
 * transaction does): `fail(changes)` returns the error to throw, or undefined to let it through.
 */
function faultyBackend(fail: (changes: Change[]) => Error | undefined): KeyValueBackend & { inner: KeyValueBackend } {
  const inner = createMemoryBackend();
  const write = async (changes: Change[]) => {
    const error = fail(changes);
    if (error) throw error;
    await inner.write(changes);
  };
  return {
    inner,
    persistent: true,
    get: inner.get,
    entries: inner.entries,
    put: (store, key, value) => write([{ store, key, value }]),
    delete: (store, key) => write([{ store, key, value: undefined }]),
    write,
    swap: async (reads, decide) => {
      const changes = decide(...(await Promise.all(reads.map((r) => inner.get(r.store, r.key)))));
      if (changes === undefined) return false;
      await write(changes);
      return true;
    },
  };
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('quota exceeded', () => {
  it('says the disk is full, keeps the last good save, and saves again once space frees up', async () => {
    let full = false;
    const backend = faultyBackend(() => (full ? quota() : undefined));
    const store = createProgressStore(backend, () => 10);
    await store.load('taskflow-crashloop');
    expect(await store.save(sampleSave(undefined, ['one']), 'in-progress')).toEqual({ ok: true });

    full = true;
    const failed = await store.save(sampleSave(undefined, ['one', 'two']), 'in-progress');
    expect(failed).toMatchObject({ ok: false, problem: 'quota' });
    const kept = await store.load('taskflow-crashloop');
    expect(kept.kind === 'ok' && kept.record.save.inputs.map((i) => i.kind === 'exec' && i.line)).toEqual(['one']);

    full = false;
    expect(await store.save(sampleSave(undefined, ['one', 'two', 'three']), 'in-progress')).toEqual({ ok: true });
    const later = await createProgressStore(backend, () => 11).load('taskflow-crashloop');
    expect(later.kind === 'ok' && later.record.save.inputs).toHaveLength(3);
  });

  it('a full disk does not count as "another tab saved": the retry is not refused', async () => {
    let full = true;
    const store = createProgressStore(faultyBackend(() => (full ? quota() : undefined)), () => 1);
    await store.load('a');
    expect((await store.save(sampleSave('a'), 'in-progress')).ok).toBe(false);
    expect((await store.save(sampleSave('a'), 'in-progress')).ok).toBe(false);
    full = false;
    expect(await store.save(sampleSave('a'), 'in-progress')).toEqual({ ok: true });
  });
});

describe('atomic saves', () => {
  it('a save that dies part way leaves the previous good save, whole', async () => {
    let crash = false;
    const backend = faultyBackend(() => (crash ? new DOMException('The transaction was aborted.', 'AbortError') : undefined));
    const store = createProgressStore(backend, () => 5);
    await store.load('a');
    await store.save(sampleSave('a', ['good']), 'in-progress', { score: 10 });
    crash = true;
    expect((await store.save(sampleSave('a', ['good', 'lost']), 'resolved', { score: 99 })).ok).toBe(false);
    const loaded = await createProgressStore(backend, () => 6).load('a');
    expect(loaded.kind).toBe('ok');
    if (loaded.kind !== 'ok') return;
    // The status, the score and the input log are from one and the same save.
    expect(loaded.record).toMatchObject({ status: 'in-progress', score: 10, rev: expect.any(String) });
    expect(loaded.record.save.inputs).toHaveLength(1);
    expect(Object.fromEntries(await store.statuses())).toEqual({ a: { status: 'in-progress', score: 10 } });
  });

  it('moving an unreadable record aside is one write: if it fails, the record stays where it was', async () => {
    let broken = false;
    const backend = faultyBackend(() => (broken ? quota() : undefined));
    const junk = { scenarioId: 'a', save: { format: 1, inputs: [{ at: 1, kind: 'ex' }] } };
    await backend.put('sessions', 'a', junk);
    broken = true;
    const loaded = await createProgressStore(backend, () => 5).load('a');
    expect(loaded).toMatchObject({ kind: 'unreadable', keptAs: undefined });
    expect(await backend.inner.entries('sessions')).toEqual([['a', junk]]);
  });

  it('removing a loaded scenario file and its progress is one write', async () => {
    let broken = false;
    const backend = faultyBackend((changes) => (broken && changes.some((c) => c.store === 'scenarios') ? quota() : undefined));
    const store = createProgressStore(backend, () => 5);
    await backend.put('scenarios', 'my:x', { any: 'thing' });
    await store.save(sampleSave('my:x'), 'in-progress');
    broken = true;
    expect((await store.deleteCustomScenario('my:x')).ok).toBe(false);
    expect(await backend.inner.get('scenarios', 'my:x')).toBeDefined();
    expect(await backend.inner.get('sessions', 'my:x')).toBeDefined();
  });
});

describe('the connection taken over by another tab', () => {
  it('reports a closed connection as such, so the learner is told to reload', async () => {
    const backend = faultyBackend(() => closedError());
    const store = createProgressStore(backend, () => 1);
    expect(await store.save(sampleSave('a'), 'in-progress')).toMatchObject({ ok: false, problem: 'closed' });
  });
});

describe('reads that fail', () => {
  it('a load that cannot read reports failure and writes nothing over the save it could not see', async () => {
    const inner = createMemoryBackend();
    await createProgressStore(inner, () => 1).save(sampleSave('a'), 'in-progress');
    const before = await inner.entries('sessions');
    const backend: KeyValueBackend = { ...inner, get: async () => Promise.reject(new DOMException('Transaction failed', 'UnknownError')) };
    const store = createProgressStore(backend, () => 2);
    expect(await store.load('a')).toEqual({ kind: 'failed', reason: 'Transaction failed' });
    expect(await inner.entries('sessions')).toEqual(before);
  });
});

describe('corrupt and half-written records', () => {
  const good = { scenarioId: 'a', save: sampleSave('a'), savedAt: 1, status: 'in-progress' };
  const halfWritten: [string, unknown][] = [
    ['only some fields', { scenarioId: 'a', save: { format: 1, scenarioId: 'a' } }],
    ['wrong types', { ...good, savedAt: 'yesterday', status: 42 }],
    ['an input log cut off mid-entry', { ...good, save: { ...good.save, inputs: [...good.save.inputs, { at: 5, kind: 'exec' }] } }],
    ['an input log that is not a list', { ...good, save: { ...good.save, inputs: '[{"at":1,"kind":"ex' } }],
    ['a bare string', '{"scenarioId":"a","save":{"format":1,"inp'],
    ['null', null],
    ['an unknown input kind', { ...good, save: { ...good.save, inputs: [{ at: 1, kind: 'teleport' }] } }],
  ];
  for (const [what, record] of halfWritten) {
    it(`keeps a record with ${what} aside, starts fresh, and leaves other scenarios alone`, async () => {
      const backend = createMemoryBackend();
      const store = createProgressStore(backend, () => 50);
      await store.save(sampleSave('b', ['b1', 'b2']), 'resolved', { score: 70 });
      await backend.put('sessions', 'a', record);

      const loaded = await store.load('a');
      expect(loaded).toMatchObject({ kind: 'unreadable', keptAs: `${CORRUPT_PREFIX}a:50` });
      expect(await backend.get('sessions', `${CORRUPT_PREFIX}a:50`)).toEqual({ reason: expect.any(String), value: record });
      expect(await store.load('a')).toEqual({ kind: 'none' });
      expect(await store.save(sampleSave('a'), 'in-progress')).toEqual({ ok: true });

      const other = await store.load('b');
      expect(other.kind === 'ok' && other.record).toMatchObject({ status: 'resolved', score: 70 });
      expect(Object.fromEntries(await store.statuses())).toEqual({ a: { status: 'in-progress' }, b: { status: 'resolved', score: 70 } });
    });
  }
});

describe('two tabs on one game', () => {
  it('the tab that saves second does not overwrite the first; its game is kept aside', async () => {
    const backend = createMemoryBackend();
    let clock = 100;
    const tabA = createProgressStore(backend, () => clock);
    const tabB = createProgressStore(backend, () => clock);
    await tabA.load('a');
    await tabB.load('a');

    expect(await tabA.save(sampleSave('a', ['from A']), 'in-progress')).toEqual({ ok: true });
    clock = 200;
    const fromB = await tabB.save(sampleSave('a', ['from B']), 'in-progress');
    expect(fromB).toMatchObject({ ok: false, problem: 'conflict', keptAs: `${CORRUPT_PREFIX}a:200` });

    const stored = await createProgressStore(backend, () => 0).load('a');
    expect(stored.kind === 'ok' && stored.record.save.inputs).toEqual([expect.objectContaining({ line: 'from A' })]);
    expect(await backend.get('sessions', `${CORRUPT_PREFIX}a:200`)).toMatchObject({ value: { save: { inputs: [{ line: 'from B' }] } } });
    // Tab A is still the rightful writer.
    expect(await tabA.save(sampleSave('a', ['from A', 'again']), 'in-progress')).toEqual({ ok: true });
  });

  it('a tab that reloads picks up the other tab’s progress and saves over it normally', async () => {
    const backend = createMemoryBackend();
    const tabA = createProgressStore(backend, () => 1);
    await tabA.load('a');
    await tabA.save(sampleSave('a', ['one']), 'in-progress');
    await tabA.save(sampleSave('a', ['one', 'two']), 'in-progress');
    const tabB = createProgressStore(backend, () => 2);
    const loaded = await tabB.load('a');
    expect(loaded.kind === 'ok' && loaded.record.save.inputs).toHaveLength(2);
    expect(await tabB.save(sampleSave('a', ['one', 'two', 'three']), 'in-progress')).toEqual({ ok: true });
    expect((await tabA.save(sampleSave('a', ['one', 'two', 'stale']), 'in-progress')).ok).toBe(false);
  });

  it('a restart in one tab is not undone by the other tab’s next save', async () => {
    const backend = createMemoryBackend();
    const tabA = createProgressStore(backend, () => 1);
    const tabB = createProgressStore(backend, () => 2);
    await tabA.load('a');
    await tabA.save(sampleSave('a', ['old game']), 'in-progress');
    await tabB.load('a');
    await tabB.clear('a');
    expect(await tabA.save(sampleSave('a', ['old game', 'more']), 'in-progress')).toMatchObject({ ok: false, problem: 'conflict' });
    expect(await createProgressStore(backend, () => 3).load('a')).toEqual({ kind: 'none' });
  });
});

describe('revisions that can come round again', () => {
  it('a restart in another tab followed by as many saves does not let the stale tab overwrite the new game', async () => {
    const backend = createMemoryBackend();
    const tabA = createProgressStore(backend, () => 1);
    const tabB = createProgressStore(backend, () => 2);
    await tabA.load('a');
    for (const n of [1, 2, 3]) await tabA.save(sampleSave('a', Array.from({ length: n }, (_, i) => `old ${i}`)), 'in-progress');
    // Tab B restarts the game and saves it as many times as tab A had.
    await tabB.load('a');
    await tabB.clear('a');
    for (const n of [1, 2, 3]) expect(await tabB.save(sampleSave('a', Array.from({ length: n }, (_, i) => `new ${i}`)), 'in-progress')).toEqual({ ok: true });

    expect(await tabA.save(sampleSave('a', ['old 0', 'old 1', 'old 2', 'old 3']), 'in-progress')).toMatchObject({ ok: false, problem: 'conflict' });
    const stored = await createProgressStore(backend, () => 3).load('a');
    expect(stored.kind === 'ok' && stored.record.save.inputs.map((i) => i.kind === 'exec' && i.line)).toEqual(['new 0', 'new 1', 'new 2']);
  });

  it('a save from before revision tokens (a numeric rev) still loads and saves over normally', async () => {
    const backend = createMemoryBackend();
    await backend.put('sessions', 'a', { scenarioId: 'a', save: sampleSave('a', ['old']), savedAt: 1, status: 'in-progress', rev: 7 });
    const store = createProgressStore(backend, () => 2);
    const loaded = await store.load('a');
    expect(loaded.kind === 'ok' && loaded.record.rev).toBe(7);
    expect(await store.save(sampleSave('a', ['old', 'new']), 'in-progress')).toEqual({ ok: true });
    const again = await createProgressStore(backend, () => 3).load('a');
    expect(again.kind === 'ok' && again.record.save.inputs).toHaveLength(2);
  });
});

describe('moving aside never takes a save made after the read', () => {
  /** A backend where `between` runs once, after the first read of 'a' and before anything else. */
  function interleaved(between: (inner: KeyValueBackend) => Promise<void>): KeyValueBackend {
    const inner = createMemoryBackend();
    let pending = true;
    return {
      ...inner,
      get: async (store, key) => {
        const value = await inner.get(store, key);
        if (pending && store === 'sessions' && key === 'a') {
          pending = false;
          await between(inner);
        }
        return value;
      },
    };
  }

  it('an unreadable record replaced by another tab’s save between read and move-aside: that save is kept and loaded', async () => {
    const junk = { scenarioId: 'a', save: { format: 1, inputs: 'cut off' } };
    const backend = interleaved(async (inner) => {
      await createProgressStore(inner, () => 5).save(sampleSave('a', ['from the other tab']), 'in-progress');
    });
    await backend.put('sessions', 'a', junk);
    const store = createProgressStore(backend, () => 9);
    const loaded = await store.load('a');
    expect(loaded.kind === 'ok' && loaded.record.save.inputs.map((i) => i.kind === 'exec' && i.line)).toEqual(['from the other tab']);
    expect((await backend.entries('sessions')).map(([k]) => k)).toEqual(['a']);
  });

  it('keepAside leaves a save another tab made since this tab read the game', async () => {
    const backend = createMemoryBackend();
    const tabA = createProgressStore(backend, () => 1);
    const tabB = createProgressStore(backend, () => 2);
    await tabA.save(sampleSave('a', ['first']), 'in-progress');
    await tabA.load('a');
    await tabB.load('a');
    expect(await tabB.save(sampleSave('a', ['first', 'from B']), 'in-progress')).toEqual({ ok: true });
    // Tab A could not replay what it read and moves it aside: tab B's newer save must stay.
    expect(await tabA.keepAside('a', 'replay failed')).toMatchObject({ ok: false, problem: 'conflict' });
    const stored = await createProgressStore(backend, () => 3).load('a');
    expect(stored.kind === 'ok' && stored.record.save.inputs.map((i) => i.kind === 'exec' && i.line)).toEqual(['first', 'from B']);
    expect((await backend.entries('sessions')).map(([k]) => k)).toEqual(['a']);
  });

  it('keepAside still moves the record this tab read', async () => {
    const backend = createMemoryBackend();
    const store = createProgressStore(backend, () => 4);
    await store.save(sampleSave('a', ['x']), 'in-progress');
    await store.load('a');
    expect(await store.keepAside('a', 'replay failed')).toEqual({ ok: true });
    expect(await store.load('a')).toEqual({ kind: 'none' });
    expect(await backend.get('sessions', `${CORRUPT_PREFIX}a:4`)).toMatchObject({ reason: 'replay failed', value: { save: { inputs: [{ line: 'x' }] } } });
  });
});

describe('one tab loading the same game twice at once', () => {
  it('both loads report the unreadable record as kept aside (the screen may show either)', async () => {
    const backend = createMemoryBackend();
    const junk = { scenarioId: 'a', save: { format: 1, inputs: 'cut off' } };
    await backend.put('sessions', 'a', junk);
    const store = createProgressStore(backend, () => 8);
    const [first, second] = await Promise.all([store.load('a'), store.load('a')]);
    expect(first).toMatchObject({ kind: 'unreadable', keptAs: `${CORRUPT_PREFIX}a:8` });
    expect(second).toEqual(first);
    expect(await backend.entries('sessions')).toEqual([[`${CORRUPT_PREFIX}a:8`, { reason: expect.any(String), value: junk }]]);
  });
});
