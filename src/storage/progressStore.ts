/**
 * Progress per scenario, on top of a key–value backend. Every failure is reported, never thrown:
 * the game keeps playing when storage misbehaves, and a record that cannot be read is moved aside
 * (not deleted) so a later version, or a person, can still recover it.
 */
import { SAVE_FORMAT, type PostmortemDraft, type SessionSave } from '../incident/api';
import type { Change, Journal, KeyValueBackend } from './backend';
import { migrateRecord, MIGRATIONS, type Migration } from './migrations';
export { CORRUPT_PREFIX } from './constants';
// Export and import are loaded when used (the picker's buttons): not part of the first load.
import type { ImportReport, ProgressExport } from './transfer';
import { CORRUPT_PREFIX, DEFAULT_SETTINGS, EXIT_PREFIX, parseSettings } from './constants';
// The zod schemas (and zod) are loaded when a stored record has to be checked: a first visit has
// none, so its play screen reaches the prompt without them (16 KiB gzip less before the prompt).
import type {
  CustomScenarioRecord,
  ProgressStatus,
  ProgressSummary,
  Settings,
  StoredSession,
} from './schema';

const schemas = () => import('./schema');

const SETTINGS_KEY = 'settings';

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'ok'; record: StoredSession }
  /** The record did not validate; it now lives under `keptAs`. */
  | { kind: 'unreadable'; keptAs: string | undefined; reason: string }
  /** Saved by a newer Firedrill: left exactly where it is (writing here would overwrite it). */
  | { kind: 'newer'; format: number }
  | { kind: 'failed'; reason: string };

/**
 * `problem` names the failures the learner can act on: the disk is full (`quota`), another tab
 * saved this game since this one read it (`conflict`: nothing was overwritten, and this tab's game
 * was kept aside as `keptAs`), or another tab upgraded the database (`closed`: reload).
 */
export type WriteResult = { ok: true } | { ok: false; reason: string; problem?: 'quota' | 'conflict' | 'closed'; keptAs?: string };

export interface ProgressStore {
  /** False when saves only last until the page closes. */
  readonly persistent: boolean;
  /** Settles if another tab takes the database over: saving then needs a reload. */
  readonly closed: Promise<void>;
  load(scenarioId: string): Promise<LoadResult>;
  save(save: SessionSave, status: ProgressStatus, extra?: { postmortemDraft?: PostmortemDraft; score?: number }): Promise<WriteResult>;
  /**
   * For a page going away (pagehide, or hidden: a phone may never show it again): the game is
   * handed to the database before this returns, beside its save rather than over it, because
   * there is no time left to read and check the save as `save` does. The next load (or the
   * picker) makes it the save when the save is still the one this tab knew, and keeps it aside
   * otherwise. False when it could not be written this way (then try `save`).
   */
  saveOnExit(save: SessionSave, status: ProgressStatus, extra?: { postmortemDraft?: PostmortemDraft; score?: number }): boolean;
  clear(scenarioId: string): Promise<WriteResult>;
  /**
   * Move a record aside that could be read but not replayed (the scenario changed under it).
   * The current save is then free for a fresh start.
   */
  keepAside(scenarioId: string, reason: string): Promise<WriteResult>;
  /** Status (and the score of a closed incident) of every scenario with readable progress. */
  statuses(): Promise<Map<string, ProgressSummary>>;
  /** The scenario files the learner loaded, newest first; unreadable records are skipped. */
  customScenarios(): Promise<CustomScenarioRecord[]>;
  loadCustomScenario(key: string): Promise<CustomScenarioRecord | undefined>;
  saveCustomScenario(key: string, record: CustomScenarioRecord): Promise<WriteResult>;
  /** Forgets the file and the progress made in it. */
  deleteCustomScenario(key: string): Promise<WriteResult>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<WriteResult>;
  /** Every save and loaded scenario file as one document (see transfer.ts). */
  exportAll(): Promise<{ ok: true; data: ProgressExport } | { ok: false; reason: string }>;
  /** Merges an export into this browser's progress; never throws. */
  importAll(text: string): Promise<ImportReport>;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function problemOf(error: unknown): 'quota' | 'closed' | undefined {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return 'quota';
  // InvalidStateError: the connection was closed under us (an upgrade in another tab won the race).
  if (name === 'StorageClosedError' || name === 'InvalidStateError') return 'closed';
  return undefined;
}

function failure(error: unknown): WriteResult {
  const problem = problemOf(error);
  return problem ? { ok: false, reason: describe(error), problem } : { ok: false, reason: describe(error) };
}

/**
 * A record's revision as a tab remembers it: `null` when there was no record, the record's `rev`
 * (a token unique to each save; a number in saves from before tokens), or 0 for a record without
 * one. Compared by equality only: a revision that differs means another tab (or an import) wrote.
 */
type Rev = string | number | null;

function revOf(value: unknown): Rev {
  if (value === undefined) return null;
  const rev = typeof value === 'object' && value !== null ? (value as { rev?: unknown }).rev : undefined;
  if (typeof rev === 'string') return rev;
  return typeof rev === 'number' && Number.isFinite(rev) ? rev : 0;
}

/** A fresh revision token: 96 random bits, so no two saves (in any tab) share one. */
function newRev(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page that wrote a record, and how many records it had written then (a page's own order). */
interface Writer {
  tab: string;
  seq: number;
}

function writerOf(value: unknown): Writer | undefined {
  const writer = typeof value === 'object' && value !== null ? (value as { writer?: unknown }).writer : undefined;
  if (typeof writer !== 'object' || writer === null) return undefined;
  const { tab, seq } = writer as Partial<Record<keyof Writer, unknown>>;
  return typeof tab === 'string' && typeof seq === 'number' ? { tab, seq } : undefined;
}

/** What `saveOnExit` writes (as JSON) in the journal under EXIT_PREFIX + the scenario id. */
interface ExitRecord {
  /** The revisions of the save it continues: the stored save must be one of them, or any when `any`. */
  after: Rev[];
  any: boolean;
  record: StoredSession;
}

function exitOf(value: unknown): ExitRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { after, any, record } = value as Partial<Record<keyof ExitRecord, unknown>>;
  if (typeof any !== 'boolean' || !Array.isArray(after) || typeof record !== 'object' || record === null) return undefined;
  if (!after.every((r) => r === null || typeof r === 'string' || typeof r === 'number')) return undefined;
  return { after: after as Rev[], any, record: record as StoredSession };
}

/** Structural equality of two stored values (what IndexedDB can hold that a record would use). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Injected in tests; the app uses the real list from migrations.ts. */
export interface StoreOptions {
  /** Where `saveOnExit` writes (localStorage in the browser); without one it cannot. */
  journal?: Journal;
  migrations?: Readonly<Record<number, Migration>>;
  currentFormat?: number;
}

/** Reads a raw session record the way `load` does: migrated, then validated. */
async function readRecord(raw: unknown, options: StoreOptions) {
  const migrated = migrateRecord(raw, options.migrations ?? MIGRATIONS, options.currentFormat ?? SAVE_FORMAT);
  if (migrated.kind === 'newer' || migrated.kind === 'unknown') return { migrated, parsed: undefined };
  const { storedSessionSchema } = await schemas();
  return { migrated, parsed: storedSessionSchema.safeParse(migrated.record) };
}

/** `now` is wall time for `savedAt`; injected so tests are deterministic. */
export function createProgressStore(backend: KeyValueBackend, now: () => number, options: StoreOptions = {}): ProgressStore {
  function recordOf(save: SessionSave, status: ProgressStatus, extra?: { postmortemDraft?: PostmortemDraft; score?: number }): StoredSession {
    const record: StoredSession = { scenarioId: save.scenarioId, save, savedAt: now(), status };
    if (extra?.postmortemDraft) record.postmortemDraft = extra.postmortemDraft;
    if (extra?.score !== undefined) record.score = extra.score;
    // A token no other save shares: a restart and any number of saves in another tab can never
    // bring the stored revision back to the one this tab expects.
    record.rev = newRev();
    record.writer = { tab, seq: ++written };
    return record;
  }

  /**
   * The revision this tab last read or wrote, per scenario. A save only lands when the stored
   * revision is still that one: otherwise another tab (or an import) saved in between, and this
   * tab must not silently overwrite the newer progress.
   */
  /** Matches no stored revision: set for a record saved by a newer Firedrill. */
  const NEVER = Symbol('never');
  const revs = new Map<string, Rev | typeof NEVER>();
  /** The revision of a save on its way to the database, per scenario. */
  const writing = new Map<string, Rev>();
  /** The revision of this tab's last exit record per scenario: another page may have made it the save. */
  const exitRevs = new Map<string, Rev>();
  /** This page's mark on its records, and how many it has made (settleExit orders a page's own records by it). */
  const tab = newRev();
  let written = 0;

  /** May this tab write over `current`? Only the save it last read or wrote (or its exit record, made the save). */
  function continues(scenarioId: string, current: unknown): boolean {
    const expected = revs.get(scenarioId);
    if (expected === undefined) return true;
    const rev = revOf(current);
    return rev === expected || (exitRevs.has(scenarioId) && rev === exitRevs.get(scenarioId));
  }

  const journal = options.journal;

  /** Keeps a record aside in the sessions store, never deleted: the change that does it. */
  const keepAsideChange = (scenarioId: string, reason: string, value: unknown): Change => ({
    store: 'sessions',
    key: `${CORRUPT_PREFIX}${scenarioId}:exit:${now()}`,
    value: { reason, value },
  });

  /**
   * An exit record becomes the save when it is newer than the save: the save is still the one it
   * continues, or the same page wrote both and the exit record later. A page that came back and
   * saved as usual after it has made it stale (dropped). Otherwise another tab saved this game
   * after it was written, and it is kept aside (never deleted). The journal entry is removed
   * once that has landed, and only if nobody wrote a newer one meanwhile.
   */
  async function settleExit(scenarioId: string): Promise<void> {
    if (!journal) return;
    const key = `${EXIT_PREFIX}${scenarioId}`;
    let text: string | null;
    try {
      text = journal.get(key);
    } catch {
      return;
    }
    if (text === null) return;
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // Kept aside as the text it is.
    }
    const found = exitOf(value);
    try {
      await backend.swap([{ store: 'sessions', key: scenarioId }], (current) => {
        if (!found) return [keepAsideChange(scenarioId, 'unreadable changes from a page that closed', value)];
        const by = writerOf(found.record);
        const saved = writerOf(current);
        const promote: Change[] = [{ store: 'sessions', key: scenarioId, value: found.record }];
        if (by && saved && by.tab === saved.tab) return by.seq > saved.seq ? promote : [];
        if (found.any || found.after.includes(revOf(current))) return promote;
        return [keepAsideChange(scenarioId, 'the page closed while another tab saved this game', value)];
      });
      if (journal.get(key) === text) journal.remove(key);
    } catch {
      // Left in the journal: the next load tries again.
    }
  }

  /** A restart or a removed scenario: this page's exit record for it goes too (another page's stays, to be settled). */
  function dropOwnExit(scenarioId: string): void {
    if (!journal) return;
    const key = `${EXIT_PREFIX}${scenarioId}`;
    try {
      const text = journal.get(key);
      if (text !== null && writerOf(exitOf(JSON.parse(text))?.record)?.tab === tab) journal.remove(key);
    } catch {
      // Unreadable: left for the next load to keep aside.
    }
    exitRevs.delete(scenarioId);
  }

  /** Every exit record settled (the picker, export and import read every save). */
  async function settleAll(): Promise<void> {
    let keys: string[];
    try {
      keys = journal ? journal.keys().filter((key) => key.startsWith(EXIT_PREFIX)) : [];
    } catch {
      return;
    }
    for (const key of keys) await settleExit(key.slice(EXIT_PREFIX.length));
  }
  const inflight = new Map<string, Promise<LoadResult>>();

  /**
   * Keeps the stored record under a `corrupt:` key and frees the slot, in one transaction, but
   * only while `unchanged` holds for it: a save another tab made after this tab read the record
   * is never moved, let alone deleted.
   */
  async function moveAside(
    scenarioId: string,
    reason: string,
    unchanged: (current: unknown) => boolean,
  ): Promise<{ kind: 'moved'; key: string } | { kind: 'gone' | 'changed' | 'failed' }> {
    const key = `${CORRUPT_PREFIX}${scenarioId}:${now()}`;
    let outcome: 'gone' | 'changed' | undefined;
    try {
      const moved = await backend.swap([{ store: 'sessions', key: scenarioId }], (current) => {
        outcome = current === undefined ? 'gone' : unchanged(current) ? undefined : 'changed';
        if (outcome) return undefined;
        return [
          { store: 'sessions', key, value: { reason, value: current } },
          { store: 'sessions', key: scenarioId, value: undefined },
        ];
      });
      if (!moved) return { kind: outcome ?? 'changed' };
      revs.set(scenarioId, null);
      return { kind: 'moved', key };
    } catch {
      return { kind: 'failed' };
    }
  }

  async function load(scenarioId: string, attemptsLeft: number): Promise<LoadResult> {
    await settleExit(scenarioId);
    let raw: unknown;
    try {
      raw = await backend.get('sessions', scenarioId);
    } catch (error) {
      return { kind: 'failed', reason: describe(error) };
    }
    if (raw === undefined) {
      revs.set(scenarioId, null);
      return { kind: 'none' };
    }
    let read: Awaited<ReturnType<typeof readRecord>>;
    try {
      read = await readRecord(raw, options);
    } catch (error) {
      // The schema chunk could not be loaded: the record stays untouched where it is.
      return { kind: 'failed', reason: describe(error) };
    }
    const { migrated, parsed } = read;
    if (migrated.kind === 'newer') {
      // No revision can match: even a careless caller cannot overwrite it from here.
      revs.set(scenarioId, NEVER);
      return { kind: 'newer', format: migrated.format };
    }
    if (parsed?.success && parsed.data.scenarioId === scenarioId && parsed.data.save.scenarioId === scenarioId) {
      revs.set(scenarioId, revOf(raw));
      // The old shape stays readable by hand: the next save replaces it with the new one.
      if (migrated.kind === 'migrated') {
        try {
          await backend.put('sessions', `${CORRUPT_PREFIX}${scenarioId}:${now()}`, { reason: `before migration from save format ${migrated.from}`, value: raw });
        } catch {
          // Still playable; the original is only replaced when a save succeeds.
        }
      }
      return { kind: 'ok', record: parsed.data };
    }
    const reason =
      migrated.kind === 'unknown' ? migrated.reason : parsed?.success ? 'the record belongs to another scenario' : parsed?.error.issues[0]?.message ?? 'invalid';
    const moved = await moveAside(scenarioId, reason, (current) => sameValue(current, raw));
    if (moved.kind === 'moved') return { kind: 'unreadable', keptAs: moved.key, reason };
    // Another tab saved (or cleared) this game after the read: read it again rather than move it.
    if ((moved.kind === 'changed' || moved.kind === 'gone') && attemptsLeft > 0) return load(scenarioId, attemptsLeft - 1);
    // Left where it is; a save from this tab replaces it only while it is still this very record.
    revs.set(scenarioId, revOf(raw));
    return { kind: 'unreadable', keptAs: undefined, reason };
  }

  return {
    persistent: backend.persistent,
    closed: backend.closed ?? new Promise<void>(() => {}),

    load(scenarioId) {
      // Two loads of one game at once (the play screen can ask twice) share one read: otherwise the
      // second would find the record already moved aside by the first and report a fresh start.
      let loading = inflight.get(scenarioId);
      if (loading === undefined) {
        loading = load(scenarioId, 2).finally(() => inflight.delete(scenarioId));
        inflight.set(scenarioId, loading);
      }
      return loading;
    },

    async save(save, status, extra) {
      const id = save.scenarioId;
      const record = recordOf(save, status, extra);
      const rev = record.rev ?? null;
      writing.set(id, rev);
      try {
        const wrote = await backend.swap([{ store: 'sessions', key: id }], (current) =>
          continues(id, current) ? [{ store: 'sessions', key: id, value: record }] : undefined,
        );
        if (wrote) {
          revs.set(id, rev);
          exitRevs.delete(id);
          return { ok: true };
        }
      } catch (error) {
        return failure(error);
      } finally {
        if (writing.get(id) === rev) writing.delete(id);
      }
      // Another tab saved (or restarted) this game since this tab read it: keep this tab's game
      // aside instead of overwriting, and stop here.
      const keptAs = `${CORRUPT_PREFIX}${id}:${now()}`;
      try {
        await backend.put('sessions', keptAs, { reason: 'saved in another tab meanwhile', value: record });
        return { ok: false, reason: 'another tab saved this game', problem: 'conflict', keptAs };
      } catch {
        return { ok: false, reason: 'another tab saved this game', problem: 'conflict' };
      }
    },

    saveOnExit(save, status, extra) {
      const id = save.scenarioId;
      const expected = revs.get(id);
      if (!journal || expected === NEVER) return false;
      const record = recordOf(save, status, extra);
      // The save it continues is the one this tab last knew, or the one on its way there, or
      // this tab's previous exit record if a load elsewhere has made that the save.
      const after = [expected, writing.get(id), exitRevs.get(id)].filter((r): r is Rev => r !== undefined);
      const exit: ExitRecord = { after, any: expected === undefined, record };
      try {
        journal.set(`${EXIT_PREFIX}${id}`, JSON.stringify(exit));
      } catch {
        // Full or refused: the caller falls back to a usual save.
        return false;
      }
      exitRevs.set(id, record.rev ?? null);
      return true;
    },

    async clear(scenarioId) {
      try {
        await backend.delete('sessions', scenarioId);
        dropOwnExit(scenarioId);
        revs.set(scenarioId, null);
        exitRevs.delete(scenarioId);
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async keepAside(scenarioId, reason) {
      // Only the record this tab read: one another tab saved since then is its game, not this one.
      const expected = revs.get(scenarioId);
      const moved = await moveAside(scenarioId, reason, (current) => expected === undefined || revOf(current) === expected);
      if (moved.kind === 'moved' || moved.kind === 'gone') return { ok: true };
      if (moved.kind === 'changed') return { ok: false, reason: 'another tab saved this game', problem: 'conflict' };
      return { ok: false, reason: 'could not move the record aside' };
    },

    async statuses() {
      const out = new Map<string, ProgressSummary>();
      await settleAll();
      try {
        for (const [key, value] of await backend.entries('sessions')) {
          if (key.startsWith(CORRUPT_PREFIX) || key.startsWith(EXIT_PREFIX)) continue;
          const { parsed } = await readRecord(value, options);
          if (parsed?.success && parsed.data.scenarioId === key) {
            out.set(key, parsed.data.score === undefined ? { status: parsed.data.status } : { status: parsed.data.status, score: parsed.data.score });
          }
        }
      } catch {
        // The picker then shows everything as not started; playing still works.
      }
      return out;
    },

    async customScenarios() {
      try {
        const out: CustomScenarioRecord[] = [];
        const entries = await backend.entries('scenarios');
        if (entries.length === 0) return out;
        const { customScenarioSchema } = await schemas();
        for (const [, value] of entries) {
          const parsed = customScenarioSchema.safeParse(value);
          if (parsed.success) out.push(parsed.data);
        }
        return out.sort((a, b) => b.loadedAt - a.loadedAt);
      } catch {
        return [];
      }
    },

    async loadCustomScenario(key) {
      try {
        const raw = await backend.get('scenarios', key);
        if (raw === undefined) return undefined;
        const { customScenarioSchema } = await schemas();
        const parsed = customScenarioSchema.safeParse(raw);
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },

    async saveCustomScenario(key, record) {
      try {
        await backend.put('scenarios', key, record);
        return { ok: true };
      } catch (error) {
        return failure(error);
      }
    },

    async deleteCustomScenario(key) {
      try {
        await backend.write([
          { store: 'scenarios', key, value: undefined },
          { store: 'sessions', key, value: undefined },
        ]);
        dropOwnExit(key);
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async exportAll() {
      try {
        await settleAll();
        const { exportProgress } = await import('./transfer');
        return { ok: true, data: await exportProgress(backend, now()) };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async importAll(text) {
      try {
        await settleAll();
        const { importProgress } = await import('./transfer');
        return await importProgress(backend, text);
      } catch (error) {
        return { ok: false, summary: `The import stopped part way (${describe(error)}); what was imported before that is kept.`, added: 0, updated: 0, unchanged: 0, skipped: [] };
      }
    },

    async loadSettings() {
      try {
        const raw = await backend.get('settings', SETTINGS_KEY);
        // Checked without the schema chunk (zod): this runs before the play prompt.
        return parseSettings(raw);
      } catch {
        return { ...DEFAULT_SETTINGS };
      }
    },

    async saveSettings(settings) {
      try {
        await backend.put('settings', SETTINGS_KEY, settings);
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },
  };
}
