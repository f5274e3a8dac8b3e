/**
 * Progress export and import: every scenario's save and every scenario file the learner loaded,
 * as one JSON document to carry to another browser. An import is validated record by record
 * (a bad record is skipped and named, the rest still come in) and merged without duplicates: for
 * a scenario both sides have played, the further one wins (resolved over in progress, then the
 * longer game), so importing the same file twice, or an older one, changes nothing.
 */
import { z } from 'zod/mini';
import type { KeyValueBackend } from './backend';
import { TERMINAL_CONTROL } from '../terminalControl';
import { CORRUPT_PREFIX } from './constants';
import { customScenarioSchema, storedSessionSchema, type CustomScenarioRecord, type StoredSession } from './schema';

export const EXPORT_FORMAT = 'firedrill-progress';
/** An export is text a person chose to load: cap it so a hostile file cannot stall the page. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_RECORDS = 1000;

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  sessions: StoredSession[];
  scenarios: { key: string; record: CustomScenarioRecord }[];
}

const envelope = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.optional(z.string()),
  sessions: z.array(z.unknown()).check(z.maxLength(MAX_RECORDS)),
  scenarios: z._default(z.array(z.unknown()).check(z.maxLength(MAX_RECORDS)), []),
});
const scenarioEntry = z.object({ key: z.string().check(z.regex(/^my:[a-z0-9][a-z0-9-]{0,62}$/)), record: customScenarioSchema });

export async function exportProgress(backend: KeyValueBackend, now: number): Promise<ProgressExport> {
  const sessions: StoredSession[] = [];
  for (const [key, value] of await backend.entries('sessions')) {
    if (key.startsWith(CORRUPT_PREFIX)) continue;
    const parsed = storedSessionSchema.safeParse(value);
    if (parsed.success && parsed.data.scenarioId === key) sessions.push(parsed.data as StoredSession);
  }
  const scenarios: ProgressExport['scenarios'] = [];
  for (const [key, value] of await backend.entries('scenarios')) {
    const parsed = customScenarioSchema.safeParse(value);
    if (parsed.success) scenarios.push({ key, record: parsed.data });
  }
  sessions.sort((a, b) => a.scenarioId.localeCompare(b.scenarioId));
  scenarios.sort((a, b) => a.key.localeCompare(b.key));
  return { format: EXPORT_FORMAT, version: 1, exportedAt: new Date(now).toISOString(), sessions, scenarios };
}

/** The further of two saves of one scenario: resolved beats in progress, then more inputs, then the later save. */
function further(a: StoredSession, b: StoredSession): StoredSession {
  if (a.status !== b.status) return a.status === 'resolved' ? a : b;
  if (a.save.inputs.length !== b.save.inputs.length) return a.save.inputs.length > b.save.inputs.length ? a : b;
  return b.savedAt > a.savedAt ? b : a;
}

/**
 * Whether a save holds a control character other than tab and line break where the terminal writes
 * it as it is (the transcript a reload prints back, the lines history recalls). Typing cannot make
 * one (the line editor drops C0 controls; C1 would take pasting invisible characters), and scenario
 * files with them are refused. In an imported file, one would reach xterm.js as an escape sequence
 * (a fake prompt, a new page title, an OSC 8 hyperlink), not as text: such a save is skipped.
 */
function reachesTerminalRaw(session: StoredSession): boolean {
  return TERMINAL_CONTROL.test(session.save.transcript) || session.save.inputs.some((i) => (i.kind === 'exec' ? TERMINAL_CONTROL.test(i.line) : i.kind === 'edit' && i.text !== null && TERMINAL_CONTROL.test(i.text.replace(/\r\n/g, '\n'))));
}

export interface ImportReport {
  ok: boolean;
  /** One sentence for the learner. */
  summary: string;
  added: number;
  updated: number;
  unchanged: number;
  /** Records that were not valid, each named. */
  skipped: string[];
}

export async function importProgress(backend: KeyValueBackend, text: string): Promise<ImportReport> {
  const fail = (summary: string): ImportReport => ({ ok: false, summary, added: 0, updated: 0, unchanged: 0, skipped: [] });
  if (text.length > MAX_IMPORT_BYTES) return fail(`This file is too large to be a Firedrill progress export (over ${MAX_IMPORT_BYTES / 1024 / 1024} MiB).`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('This file is not JSON, so it is not a Firedrill progress export. Nothing was changed.');
  }
  const top = envelope.safeParse(raw);
  if (!top.success) return fail('This JSON is not a Firedrill progress export (format "firedrill-progress", version 1). Nothing was changed.');

  let added = 0;
  let updated = 0;
  let unchanged = 0;
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const [i, value] of top.data.sessions.entries()) {
    const parsed = storedSessionSchema.safeParse(value);
    const id = parsed.success ? parsed.data.scenarioId : undefined;
    if (!parsed.success || id === undefined || id.startsWith(CORRUPT_PREFIX) || id.length > 120 || parsed.data.save.scenarioId !== id || seen.has(id) || reachesTerminalRaw(parsed.data as StoredSession)) {
      skipped.push(`sessions[${i}]${id ? ` (${id.slice(0, 60)})` : ''}`);
      continue;
    }
    seen.add(id);
    const incoming = parsed.data as StoredSession;
    const existing = storedSessionSchema.safeParse(await backend.get('sessions', id));
    if (!existing.success) {
      await backend.put('sessions', id, incoming);
      added++;
    } else if (further(existing.data as StoredSession, incoming) === incoming && JSON.stringify(existing.data) !== JSON.stringify(incoming)) {
      await backend.put('sessions', id, incoming);
      updated++;
    } else {
      unchanged++;
    }
  }
  for (const [i, value] of top.data.scenarios.entries()) {
    const parsed = scenarioEntry.safeParse(value);
    if (!parsed.success) {
      skipped.push(`scenarios[${i}]`);
      continue;
    }
    const existing = customScenarioSchema.safeParse(await backend.get('scenarios', parsed.data.key));
    if (existing.success) {
      unchanged++;
    } else {
      await backend.put('scenarios', parsed.data.key, parsed.data.record);
      added++;
    }
  }
  const parts = [`${added} added`, `${updated} updated`, `${unchanged} already here`];
  return {
    ok: true,
    summary: `Imported: ${parts.join(', ')}${skipped.length > 0 ? `; ${skipped.length} record${skipped.length === 1 ? '' : 's'} skipped as invalid` : ''}.`,
    added,
    updated,
    unchanged,
    skipped,
  };
}
