/**
 * Progress per scenario, on top of a key–value backend. Every failure is reported, never thrown:
 * the game keeps playing when storage misbehaves, and a record that cannot be read is moved aside
 * (not deleted) so a later version, or a person, can still recover it.
 */
import type { PostmortemDraft, SessionSave } from '../incident/api';
import type { KeyValueBackend } from './backend';
export { CORRUPT_PREFIX } from './schema';
// Export and import are loaded when used (the picker's buttons): not part of the first load.
import type { ImportReport, ProgressExport } from './transfer';
import {
  CORRUPT_PREFIX,
  customScenarioSchema,
  DEFAULT_SETTINGS,
  settingsSchema,
  storedSessionSchema,
  type CustomScenarioRecord,
  type ProgressStatus,
  type ProgressSummary,
  type Settings,
  type StoredSession,
} from './schema';

const SETTINGS_KEY = 'settings';

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'ok'; record: StoredSession }
  /** The record did not validate; it now lives under `keptAs`. */
  | { kind: 'unreadable'; keptAs: string | undefined; reason: string }
  | { kind: 'failed'; reason: string };

export type WriteResult = { ok: true } | { ok: false; reason: string };

export interface ProgressStore {
  /** False when saves only last until the page closes. */
  readonly persistent: boolean;
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

/** `now` is wall time for `savedAt`; injected so tests are deterministic. */
export function createProgressStore(backend: KeyValueBackend, now: () => number): ProgressStore {
  async function moveAside(scenarioId: string, value: unknown, reason: string): Promise<string | undefined> {
    const key = `${CORRUPT_PREFIX}${scenarioId}:${now()}`;
    try {
      await backend.put('sessions', key, { reason, value });
      await backend.delete('sessions', scenarioId);
      return key;
    } catch {
      return undefined;
    }
  }

  return {
    persistent: backend.persistent,

    async load(scenarioId) {
      let raw: unknown;
      try {
        raw = await backend.get('sessions', scenarioId);
      } catch (error) {
        return { kind: 'failed', reason: describe(error) };
      }
      if (raw === undefined) return { kind: 'none' };
      const parsed = storedSessionSchema.safeParse(raw);
      if (parsed.success && parsed.data.scenarioId === scenarioId && parsed.data.save.scenarioId === scenarioId) {
        return { kind: 'ok', record: parsed.data };
      }
      const reason = parsed.success ? 'the record belongs to another scenario' : parsed.error.issues[0]?.message ?? 'invalid';
      const keptAs = await moveAside(scenarioId, raw, reason);
      return { kind: 'unreadable', keptAs, reason };
    },

    async save(save, status, extra) {
      const record: StoredSession = { scenarioId: save.scenarioId, save, savedAt: now(), status };
      if (extra?.postmortemDraft) record.postmortemDraft = extra.postmortemDraft;
      if (extra?.score !== undefined) record.score = extra.score;
      try {
        await backend.put('sessions', save.scenarioId, record);
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    },

    async clear(scenarioId) {
      try {
        await backend.delete('sessions', scenarioId);
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
          const parsed = storedSessionSchema.safeParse(value);
          if (parsed.success && parsed.data.scenarioId === key) {
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
        for (const [, value] of await backend.entries('scenarios')) {
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
        const parsed = customScenarioSchema.safeParse(await backend.get('scenarios', key));
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
        return { ok: false, reason: describe(error) };
      }
    },

    async deleteCustomScenario(key) {
      try {
        await backend.delete('scenarios', key);
        await backend.delete('sessions', key);
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
        const parsed = settingsSchema.safeParse(await backend.get('settings', SETTINGS_KEY));
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
