import { describe, expect, it } from 'vitest';
import type { GameState, Session, SessionSave } from '../../../src/incident/api';
import { createMemoryBackend, type KeyValueBackend } from '../../../src/storage/backend';
import { createProgressStore, CORRUPT_PREFIX } from '../../../src/storage/progressStore';
import { openGame, type GameDeps } from '../../../src/ui/play/openGame';
import { NOTICE_NEWER, NOTICE_NOT_REPLAYABLE, NOTICE_UNREADABLE } from '../../../src/ui/play/saveProblems';

interface FakeScenario {
  id: string;
}

/** Just enough of a Session to tell a fresh game from a restored one. */
function fakeSession(id: string, save: SessionSave): Session {
  return {
    scenarioId: id,
    cluster: { now: () => save.simNowMs } as Session['cluster'],
    state: () => ({ scenarioId: id, phase: 'brief' }) as GameState,
    namespace: () => 'default',
    history: () => save.inputs.flatMap((i) => (i.kind === 'exec' ? [i.line] : [])),
    transcriptText: () => save.transcript,
    tick: () => {},
    exec: () => ({ stdout: '', stderr: '', exitCode: 0 }),
    dispatch: () => ({ ok: true }),
    save: () => save,
    subscribe: () => () => {},
    following: () => false,
    editing: () => undefined,
    submitEdit: () => ({ stdout: '', stderr: '', exitCode: 0 }),
    followScreen: () => undefined,
    interrupt: () => {},
    onOutput: () => () => {},
    complete: () => ({ start: 0, candidates: [] }),
    setColumns: () => {},
  };
}

const saved: SessionSave = {
  format: 1,
  scenarioId: 'taskflow-crashloop',
  arrivalMs: 1000,
  simNowMs: 61_000,
  inputs: [{ at: 2000, kind: 'exec', line: 'kubectl get pods' }],
  transcript: '(default) $ kubectl get pods\nNo resources found in default namespace.\n',
};

function deps(backend: KeyValueBackend, options: { restoreThrows?: boolean; problem?: string } = {}): GameDeps<FakeScenario> {
  return {
    loadScenario: async (id) => (id === 'taskflow-crashloop' ? { id } : undefined),
    createSession: (s, { arrivalMs }) =>
      fakeSession(s.id, { format: 1, scenarioId: s.id, arrivalMs, simNowMs: arrivalMs, inputs: [], transcript: '' }),
    restoreSession: (s, save) => {
      if (options.restoreThrows) throw new Error('step 3 no longer matches');
      return fakeSession(s.id, save);
    },
    storage: Promise.resolve({ store: createProgressStore(backend, () => 5), problem: options.problem }),
    now: () => 777,
  };
}

describe('opening a game', () => {
  it('says not found for an unknown scenario', async () => {
    expect(await openGame('nope', deps(createMemoryBackend()))).toEqual({ kind: 'not-found', scenarioId: 'nope' });
  });

  it('starts a new game arriving now when there is no save', async () => {
    const game = await openGame('taskflow-crashloop', deps(createMemoryBackend()));
    expect(game.kind).toBe('ready');
    if (game.kind !== 'ready') return;
    expect(game.resumed).toBe(false);
    expect(game.session.save().arrivalMs).toBe(777);
    expect(game.transcript).toBe('');
    expect(game.notices).toEqual([]);
  });

  it('resumes a saved game with its transcript', async () => {
    const backend = createMemoryBackend();
    await createProgressStore(backend, () => 1).save(saved, 'in-progress');
    const game = await openGame('taskflow-crashloop', deps(backend));
    if (game.kind !== 'ready') throw new Error('expected a game');
    expect(game.resumed).toBe(true);
    expect(game.session.history()).toEqual(['kubectl get pods']);
    expect(game.transcript).toContain('No resources found in default namespace.');
  });

  it('plays on with a plain notice when the save is corrupt, keeping it aside', async () => {
    const backend = createMemoryBackend();
    await backend.put('sessions', 'taskflow-crashloop', { garbage: true });
    const game = await openGame('taskflow-crashloop', deps(backend));
    if (game.kind !== 'ready') throw new Error('expected a game');
    expect(game.resumed).toBe(false);
    expect(game.notices).toEqual([NOTICE_UNREADABLE]);
    const keys = (await backend.entries('sessions')).map(([k]) => k);
    expect(keys.some((k) => k.startsWith(CORRUPT_PREFIX))).toBe(true);
  });

  it('starts fresh and keeps the save aside when it can no longer be replayed', async () => {
    const backend = createMemoryBackend();
    await createProgressStore(backend, () => 1).save(saved, 'in-progress');
    const game = await openGame('taskflow-crashloop', deps(backend, { restoreThrows: true }));
    if (game.kind !== 'ready') throw new Error('expected a game');
    expect(game.resumed).toBe(false);
    expect(game.notices).toEqual([NOTICE_NOT_REPLAYABLE]);
    const aside = await backend.entries('sessions');
    expect(aside).toHaveLength(1);
    expect(aside[0]?.[0].startsWith(CORRUPT_PREFIX)).toBe(true);
  });

  it('does not overwrite a save it could not read because storage failed', async () => {
    const backend = createMemoryBackend();
    const failingGet: KeyValueBackend = { ...backend, get: async () => Promise.reject(new Error('disk on fire')) };
    const game = await openGame('taskflow-crashloop', deps(failingGet));
    if (game.kind !== 'ready') throw new Error('expected a game');
    expect(game.canSave).toBe(false);
    expect(game.notices.join(' ')).toContain('disk on fire');
  });

  it('passes on the storage problem so the learner knows progress is not kept', async () => {
    const game = await openGame('taskflow-crashloop', deps(createMemoryBackend(), { problem: 'Progress will not be saved.' }));
    expect(game.kind === 'ready' && game.notices).toEqual(['Progress will not be saved.']);
  });

  it('waits for what a save needs (the engine, the YAML reader for apply/patch/edit) before replaying it', async () => {
    const withApply: SessionSave = { ...saved, inputs: [...saved.inputs, { at: 3000, kind: 'exec', line: 'k apply -f fix.yaml' }] };

    const backend = createMemoryBackend();
    await createProgressStore(backend, () => 1).save(withApply, 'in-progress');
    const order: string[] = [];
    const d = deps(backend);
    const game = await openGame('taskflow-crashloop', {
      ...d,
      beforeReplay: async (save) => {
        await new Promise((r) => setTimeout(r, 5));
        order.push(`loaded for ${save.inputs.length} inputs`);
      },
      restoreSession: (s, save) => {
        order.push('replayed');
        return d.restoreSession(s, save);
      },
    });
    expect(game.kind === 'ready' && game.resumed).toBe(true);
    expect(order).toEqual(['loaded for 2 inputs', 'replayed']);
  });

  it('does not set a good save aside when what its replay needs cannot be fetched (offline): opening fails, the save stays', async () => {
    const backend = createMemoryBackend();
    await createProgressStore(backend, () => 1).save(saved, 'in-progress');
    const d = deps(backend);
    const opening = openGame('taskflow-crashloop', {
      ...d,
      beforeReplay: async () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
    });
    await expect(opening).rejects.toThrow('Failed to fetch dynamically imported module');
    expect((await backend.entries('sessions')).map(([k]) => k)).toEqual(['taskflow-crashloop']);
    const again = await openGame('taskflow-crashloop', d);
    expect(again.kind === 'ready' && again.resumed).toBe(true);
  });

  it('a save from a newer Firedrill: new game, not saved, the save untouched, the learner told to reload', async () => {
    const backend = createMemoryBackend();
    const future = { scenarioId: 'taskflow-crashloop', save: { ...saved, format: 2 }, savedAt: 1, status: 'in-progress' };
    await backend.put('sessions', 'taskflow-crashloop', future);
    const game = await openGame('taskflow-crashloop', deps(backend));
    expect(game).toMatchObject({ kind: 'ready', resumed: false, canSave: false, notices: [NOTICE_NEWER] });
    expect(NOTICE_NEWER).toMatch(/reload/);
    expect(await backend.entries('sessions')).toEqual([['taskflow-crashloop', future]]);
  });

  it('an unreadable save that cannot be moved aside is not overwritten by the new game', async () => {
    const backend = createMemoryBackend();
    await backend.put('sessions', 'taskflow-crashloop', { half: 'written' });
    const full = async () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    // Moving aside is a checked swap (read, compare, copy, delete in one transaction): it fails too.
    const stuck: KeyValueBackend = { ...backend, write: full, swap: full };
    const game = await openGame('taskflow-crashloop', deps(stuck));
    expect(game).toMatchObject({ kind: 'ready', resumed: false, canSave: false });
    expect(game.kind === 'ready' && game.notices[0]).toMatch(/will not be saved, so the old save stays untouched/);
  });
});
