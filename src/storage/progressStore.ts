/**
 * Progress per scenario, on top of a key–value backend. Every failure is reported, never thrown:
 * the game keeps playing when storage misbehaves, and a record that cannot be read is moved aside
 * (not deleted) so a later version, or a person, can still recover it.
 */
import type { PostmortemDraft, SessionSave } from '../incident/api';
import type { KeyValueBackend } from './backend';
import { migrateRecord, MIGRATIONS, CURRENT_SAVE_FORMAT, type Migration } from './migrations';
export { CORRUPT_PREFIX } from './constants';
// Export and import are loaded when used (the picker's buttons): not part of the first load.
import type { ImportReport, ProgressExport } from './transfer';
import { CORRUPT_PREFIX, DEFAULT_SETTINGS } from './constants';
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

function revOf(value: unknown): number {
  const rev = typeof value === 'object' && value !== null ? (value as { rev?: unknown }).rev : undefined;
  return typeof rev === 'number' && Number.isFinite(rev) ? rev : 0;
}

/** Injected in tests; the app uses the real list from migrations.ts. */
export interface StoreOptions {
  migrations?: Readonly<Record<number, Migration>>;
  currentFormat?: number;
}

/** Reads a raw session record the way `load` does: migrated, then validated. */
async function readRecord(raw: unknown, options: StoreOptions) {
  const migrated = migrateRecord(raw, options.migrations ?? MIGRATIONS, options.currentFormat ?? CURRENT_SAVE_FORMAT);
  if (migrated.kind === 'newer' || migrated.kind === 'unknown') return { migrated, parsed: undefined };
  const { storedSessionSchema } = await schemas();
  return { migrated, parsed: storedSessionSchema.safeParse(migrated.record) };
}

/** `now` is wall time for `savedAt`; injected so tests are deterministic. */
export function createProgressStore(backend: KeyValueBackend, now: () => number, options: StoreOptions = {}): ProgressStore {
  /**
   * The revision this tab last read or wrote, per scenario. A save only lands when the stored
   * revision is still that one: otherwise another tab (or an import) saved in between, and this
   * tab must not silently overwrite the newer progress.
   */
  const revs = new Map<string, number>();

  /** Keeps `value` under a `corrupt:` key and frees the slot, in one transaction. */
  async function moveAside(scenarioId: string, value: unknown, reason: string): Promise<string | undefined> {
    const key = `${CORRUPT_PREFIX}${scenarioId}:${now()}`;
    try {
      await backend.write([
        { store: 'sessions', key, value: { reason, value } },
        { store: 'sessions', key: scenarioId, value: undefined },
      ]);
      revs.set(scenarioId, 0);
      return key;
    } catch {
      return undefined;
    }
  }

  return {
    persistent: backend.persistent,
    closed: backend.closed ?? new Promise<void>(() => {}),

    async load(scenarioId) {
      let raw: unknown;
      try {
        raw = await backend.get('sessions', scenarioId);
      } catch (error) {
        return { kind: 'failed', reason: describe(error) };
      }
      if (raw === undefined) {
        revs.set(scenarioId, 0);
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
        revs.set(scenarioId, -1);
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
      const keptAs = await moveAside(scenarioId, raw, reason);
      return { kind: 'unreadable', keptAs, reason };
    },

    async save(save, status, extra) {
      const id = save.scenarioId;
      const record: StoredSession = { scenarioId: id, save, savedAt: now(), status };
      if (extra?.postmortemDraft) record.postmortemDraft = extra.postmortemDraft;
      if (extra?.score !== undefined) record.score = extra.score;
      const expected = revs.get(id);
      let found = 0;
      try {
        const wrote = await backend.swap('sessions', id, (current) => {
          found = current === undefined ? 0 : revOf(current);
          if (expected !== undefined && found !== expected) return undefined;
          record.rev = found + 1;
          return record;
        });
        if (wrote) {
          revs.set(id, found + 1);
          return { ok: true };
        }
      } catch (error) {
        return failure(error);
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

    async clear(scenarioId) {
      try {
        await backend.delete('sessions', scenarioId);
        revs.set(scenarioId, 0);
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async keepAside(scenarioId, reason) {
      try {
        const raw = await backend.get('sessions', scenarioId);
        if (raw === undefined) return { ok: true };
        const keptAs = await moveAside(scenarioId, raw, reason);
        return keptAs ? { ok: true } : { ok: false, reason: 'could not move the record aside' };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async statuses() {
      const out = new Map<string, ProgressSummary>();
      try {
        for (const [key, value] of await backend.entries('sessions')) {
          if (key.startsWith(CORRUPT_PREFIX)) continue;
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
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async exportAll() {
      try {
        const { exportProgress } = await import('./transfer');
        return { ok: true, data: await exportProgress(backend, now()) };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async importAll(text) {
      try {
        const { importProgress } = await import('./transfer');
        return await importProgress(backend, text);
      } catch (error) {
        return { ok: false, summary: `The import stopped part way (${describe(error)}); what was imported before that is kept.`, added: 0, updated: 0, unchanged: 0, skipped: [] };
      }
    },

    async loadSettings() {
      try {
        const raw = await backend.get('settings', SETTINGS_KEY);
        if (raw === undefined) return { ...DEFAULT_SETTINGS };
        const { settingsSchema } = await schemas();
        const parsed = settingsSchema.safeParse(raw);
        return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
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
