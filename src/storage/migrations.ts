import { SAVE_FORMAT } from '../incident/api';

/**
 * Saves from older versions of Firedrill. Every stored session carries `save.format`; a record of
 * an older format is brought up to date one step at a time before it is validated, so each step
 * only knows its own change. A record from a newer format is never touched: this copy of the app
 * cannot know what it holds, and a reload (to the newer app) will read it.
 *
 * Format 1 is the only format ever written so far: every change since the first release
 * (interrupt and edit inputs, the hold decision, decision reasons, stakeholder updates, the
 * hand-over, four more postmortem sections, the score, the revision) was an addition the format-1
 * schema accepts as optional, so `MIGRATIONS` is empty. A change that is not additive bumps the
 * format (SAVE_FORMAT in incident/api.ts) and adds its step here, with a fixture of the old shape in
 * tests/unit/storage/migrations.test.ts.
 */
/** Turns a stored record of format N into one of format N + 1 (it may assume the format-N shape). */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[N] upgrades format N to N + 1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type Migrated =
  | { kind: 'current'; record: unknown }
  | { kind: 'migrated'; record: unknown; from: number }
  | { kind: 'newer'; format: number }
  | { kind: 'unknown'; reason: string };

function formatOf(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const save = (raw as { save?: unknown }).save;
  return typeof save === 'object' && save !== null ? (save as { format?: unknown }).format : undefined;
}

/** Brings a raw record to `current`; anything without a readable format is left for the schema to refuse. */
export function migrateRecord(raw: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, current: number = SAVE_FORMAT): Migrated {
  const format = formatOf(raw);
  if (typeof format !== 'number' || !Number.isInteger(format) || format === current) return { kind: 'current', record: raw };
  if (format > current) return { kind: 'newer', format };
  let record = raw as Record<string, unknown>;
  for (let from = format; from < current; from++) {
    const step = migrations[from];
    if (!step) return { kind: 'unknown', reason: `no way to read save format ${format}` };
    try {
      record = step(record);
    } catch (error) {
      return { kind: 'unknown', reason: `save format ${format} could not be updated (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  return { kind: 'migrated', record, from: format };
}
