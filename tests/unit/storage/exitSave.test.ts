/**
 * The save a page makes as it goes away (progressStore.saveOnExit): one put, no read, beside the
 * save it continues. A reload must find everything the learner did before the page went, and a
 * page closing while another tab saved the same game must never overwrite that tab's progress.
 * "A reload" is a second store on the same backend and journal, as a new page is.
 */
import { describe, expect, it } from 'vitest';
import type { SessionSave } from '../../../src/incident/api';
import { createMemoryBackend, createMemoryJournal, type Journal, type KeyValueBackend } from '../../../src/storage/backend';
import { EXIT_PREFIX } from '../../../src/storage/constants';
import { CORRUPT_PREFIX, createProgressStore } from '../../../src/storage/progressStore';

const ID = 'taskflow-crashloop';

function game(commands: number, scenarioId = ID): SessionSave {
  const lines = Array.from({ length: commands }, (_, i) => `kubectl get pods # ${i}`);
  return {
    format: 1,
    scenarioId,
    arrivalMs: 1_700_000_000_000,
    simNowMs: 1_700_000_000_000 + commands * 1000,
    inputs: lines.map((line, i) => ({ at: 1_700_000_001_000 + i * 1000, kind: 'exec' as const, line })),
    transcript: lines.map((l) => `$ ${l}\r\n`).join(''),
  };
}

/** One browser profile: IndexedDB (the backend) and localStorage (the journal), shared by its pages. */
interface Browser {
  backend: KeyValueBackend;
  journal: Journal;
}

function browser(backend: KeyValueBackend = createMemoryBackend()): Browser {
  return { backend, journal: createMemoryJournal() };
}

/** A page of that browser: its own store, as each tab and each reload has. */
function openPage(b: Browser, now = 1) {
  return createProgressStore(b.backend, () => now, { journal: b.journal });
}

async function commandsAfterReload(b: Browser, scenarioId = ID): Promise<number | string> {
  const loaded = await openPage(b, 99).load(scenarioId);
  return loaded.kind === 'ok' ? loaded.record.save.inputs.length : loaded.kind;
}

/** Every record: saves, records kept aside, and exit records waiting in the journal. */
async function keys(b: Browser): Promise<string[]> {
  return [...(await b.backend.entries('sessions')).map(([k]) => k), ...b.journal.keys()].sort();
}

async function keptAside({ backend }: Browser): Promise<{ reason: string; value: { record?: { save: SessionSave } } }[]> {
  return (await backend.entries('sessions')).filter(([k]) => k.startsWith(CORRUPT_PREFIX)).map(([, v]) => v as { reason: string; value: { record?: { save: SessionSave } } });
}

/** A backend whose swaps never finish once `dying` is set, as when the page is gone before the read answers. */
function dyingBackend(inner: KeyValueBackend): KeyValueBackend & { dying: boolean } {
  const backend = { ...inner, dying: false };
  backend.swap = (...args) => (backend.dying ? new Promise<boolean>(() => {}) : inner.swap(...args));
  return backend;
}

describe('saving as the page goes away', () => {
  it('a reload finds the changes made after the last save', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    expect(await page.save(game(2), 'in-progress')).toEqual({ ok: true });
    expect(page.saveOnExit(game(7), 'in-progress')).toBe(true);
    expect(await commandsAfterReload(b)).toBe(7);
    // The exit record became the save: nothing else is left behind.
    expect(await keys(b)).toEqual([ID]);
  });

  it('a new game that never reached its first save is kept too', async () => {
    const b = browser();
    const page = openPage(b);
    expect(await page.load(ID)).toEqual({ kind: 'none' });
    expect(page.saveOnExit(game(3), 'resolved', { score: 80 })).toBe(true);
    const loaded = await openPage(b, 2).load(ID);
    expect(loaded).toMatchObject({ kind: 'ok', record: { status: 'resolved', score: 80 } });
  });

  it('a save the page did not live to finish: the exit record still continues the save before it', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    await page.save(game(2), 'in-progress');
    // The next save is under way when the page goes: its read is never answered.
    const backend = dyingBackend(b.backend);
    const dying = createProgressStore(backend, () => 1, { journal: b.journal });
    await dying.load(ID);
    backend.dying = true;
    void dying.save(game(4), 'in-progress');
    expect(dying.saveOnExit(game(5), 'in-progress')).toBe(true);
    expect(await commandsAfterReload(b)).toBe(5);
  });

  it('a save that lands just before the exit record is written: the exit record continues it', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    await page.save(game(2), 'in-progress');
    const saving = page.save(game(4), 'in-progress');
    expect(page.saveOnExit(game(5), 'in-progress')).toBe(true);
    await saving;
    expect(await commandsAfterReload(b)).toBe(5);
  });

  it('a page that comes back (hidden, then shown again) saves as usual and leaves no exit record behind', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    await page.save(game(2), 'in-progress');
    page.saveOnExit(game(3), 'in-progress');
    expect(await page.save(game(6), 'in-progress')).toEqual({ ok: true });
    // The exit record waits until a load settles it: older than the save, it is dropped, not kept aside.
    expect(await commandsAfterReload(b)).toBe(6);
    expect(await keys(b)).toEqual([ID]);
  });

  it("another tab opened the game (and so took this tab's exit record for its save): this tab may go on saving over it", async () => {
    const b = browser();
    const first = openPage(b);
    await first.load(ID);
    await first.save(game(2), 'in-progress');
    first.saveOnExit(game(3), 'in-progress');
    expect(await commandsAfterReload(b)).toBe(3);
    expect(await first.save(game(4), 'in-progress')).toEqual({ ok: true });
    expect(await commandsAfterReload(b)).toBe(4);
  });

  it('a page closing after another tab saved the same game: that tab keeps its save, the closing page’s game is kept aside', async () => {
    const b = browser();
    const tabA = openPage(b, 1);
    const tabB = openPage(b, 2);
    await tabA.load(ID);
    await tabA.save(game(2), 'in-progress');
    await tabB.load(ID);
    expect(await tabB.save(game(9), 'in-progress')).toEqual({ ok: true });
    // Tab A never saw B's save and closes with 4 commands.
    expect(tabA.saveOnExit(game(4), 'in-progress')).toBe(true);
    expect(await commandsAfterReload(b)).toBe(9);
    const aside = await keptAside(b);
    expect(aside).toHaveLength(1);
    expect(aside[0]?.reason).toBe('the page closed while another tab saved this game');
    expect(aside[0]?.value.record?.save.inputs).toHaveLength(4);
  });

  it("a tab saving while another tab's exit record waits keeps that record aside rather than deleting it", async () => {
    const b = browser();
    const tabA = openPage(b, 1);
    const tabB = openPage(b, 2);
    await tabA.load(ID);
    await tabB.load(ID);
    tabA.saveOnExit(game(4), 'in-progress');
    expect(await tabB.save(game(5), 'in-progress')).toEqual({ ok: true });
    expect(await commandsAfterReload(b)).toBe(5);
    expect((await keptAside(b)).map((r) => r.value.record?.save.inputs.length)).toEqual([4]);
  });

  it('the picker and a progress export see the game as it was when the page closed, never an exit record as a game', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    await page.save(game(2), 'in-progress');
    page.saveOnExit(game(3), 'resolved', { score: 90 });
    const next = openPage(b, 2);
    expect(await next.statuses()).toEqual(new Map([[ID, { status: 'resolved', score: 90 }]]));
    page.saveOnExit(game(8), 'resolved', { score: 90 });
    const exported = await openPage(b, 3).exportAll();
    if (!exported.ok) throw new Error(exported.reason);
    expect(exported.data.sessions.map((s) => [s.scenarioId, s.save.inputs.length])).toEqual([[ID, 8]]);
  });

  it('an unreadable exit record is kept aside and the save loads as it was', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    await page.save(game(2), 'in-progress');
    b.journal.set(`${EXIT_PREFIX}${ID}`, '{"after": 7, "record": "<script>"');
    expect(await commandsAfterReload(b)).toBe(2);
    expect((await keptAside(b)).map((r) => r.reason)).toEqual(['unreadable changes from a page that closed']);
  });

  it('an exit record holding a broken game is caught by the same check as any save: kept aside, the learner told', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    const broken = { ...game(2), inputs: [{ at: 'soon', kind: 'exec', line: 1 }] } as unknown as SessionSave;
    page.saveOnExit(broken, 'in-progress');
    expect(await openPage(b, 2).load(ID)).toMatchObject({ kind: 'unreadable', keptAs: expect.stringContaining(CORRUPT_PREFIX) });
  });

  it('restart removes this page’s exit record with the save', async () => {
    const b = browser();
    const page = openPage(b);
    await page.load(ID);
    page.saveOnExit(game(3), 'in-progress');
    expect(await page.clear(ID)).toEqual({ ok: true });
    expect(await keys(b)).toEqual([]);
    expect(await commandsAfterReload(b)).toBe('none');
  });

  it('never writes over a save from a newer Firedrill, and says it could not when storage cannot take the write', async () => {
    const b = browser();
    await b.backend.put('sessions', ID, { scenarioId: ID, save: { format: 99 } });
    const page = openPage(b);
    expect(await page.load(ID)).toMatchObject({ kind: 'newer' });
    expect(page.saveOnExit(game(3), 'in-progress')).toBe(false);
    expect(await keys(b)).toEqual([ID]);
    // localStorage full (or disabled): says so, so the page saves the usual way instead.
    const full: Journal = { ...createMemoryJournal(), set: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    const crowded = createProgressStore(createMemoryBackend(), () => 1, { journal: full });
    await crowded.load(ID);
    expect(crowded.saveOnExit(game(3), 'in-progress')).toBe(false);
    // No journal at all (progress kept in memory only): nothing to write to.
    const plain = createProgressStore(createMemoryBackend(), () => 1);
    await plain.load(ID);
    expect(plain.saveOnExit(game(3), 'in-progress')).toBe(false);
  });
});
