/**
 * What we store and how we check it when we read it back. A record that does not match is never
 * trusted (it could be half-written, from an older format, or edited by hand): the caller keeps it
 * aside and starts fresh.
 */
// zod/mini: the same validation, tree-shakable, a fraction of full zod's size in the bundle.
import { z } from 'zod/mini';
import { SAVE_FORMAT, type PostmortemDraft, type SessionSave } from '../incident/api';

const severity = z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
const boardColumn = z.enum(['unsorted', 'fact', 'assumption']);

const postmortemDraft = z.object({
  summary: z.string(),
  impact: z.string(),
  rootCause: z.string(),
  trigger: z.string(),
  resolution: z.string(),
  actionItems: z.string(),
  timeline: z.optional(z.string()),
  detection: z.optional(z.string()),
  wentWell: z.optional(z.string()),
  wentBadly: z.optional(z.string()),
});

const decisionReason = z.enum(['reversibility', 'data-changes', 'blast-radius', 'confidence', 'time-to-fix']);

const gameAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setSeverity'), severity }),
  z.object({ type: z.literal('startInvestigation') }),
  z.object({ type: z.literal('revealHint'), hintId: z.string() }),
  z.object({
    type: z.literal('addCard'),
    text: z.string(),
    column: boardColumn,
    evidenceClueId: z.optional(z.string()),
  }),
  z.object({
    type: z.literal('moveCard'),
    cardId: z.string(),
    column: boardColumn,
    evidenceClueId: z.optional(z.string()),
  }),
  z.object({ type: z.literal('finishBoard') }),
  z.object({ type: z.literal('decide'), choice: z.enum(['rollback', 'fix-forward', 'hold']), reasons: z.optional(z.array(decisionReason)) }),
  z.object({ type: z.literal('giveReasons'), reasons: z.array(decisionReason) }),
  z.object({ type: z.literal('postUpdate'), text: z.string() }),
  z.object({ type: z.literal('handOver'), text: z.string() }),
  z.object({ type: z.literal('declareResolved') }),
  z.object({ type: z.literal('addNote'), text: z.string() }),
  z.object({ type: z.literal('wait'), seconds: z.number() }),
  z.object({ type: z.literal('submitPostmortem'), draft: postmortemDraft }),
]);

const sessionInput = z.discriminatedUnion('kind', [
  z.object({ at: z.number(), kind: z.literal('exec'), line: z.string() }),
  z.object({ at: z.number(), kind: z.literal('interrupt') }),
  z.object({ at: z.number(), kind: z.literal('edit'), text: z.nullable(z.string()) }),
  z.object({ at: z.number(), kind: z.literal('action'), action: gameAction }),
]);

export const sessionSaveSchema = z.object({
  format: z.literal(SAVE_FORMAT),
  scenarioId: z.string().check(z.minLength(1)),
  arrivalMs: z.number(),
  simNowMs: z.number(),
  inputs: z.array(sessionInput),
  transcript: z.string(),
});

export const progressStatusSchema = z.enum(['in-progress', 'resolved']);
export type ProgressStatus = z.infer<typeof progressStatusSchema>;

export const storedSessionSchema = z.object({
  scenarioId: z.string().check(z.minLength(1)),
  save: sessionSaveSchema,
  /** Wall time of the last save, ms since the epoch. */
  savedAt: z.number(),
  status: progressStatusSchema,
  /** The postmortem being written: not game input until submitted, but too much work to lose. */
  postmortemDraft: z.optional(postmortemDraft),
  /** The final score once the postmortem is in (the picker shows it as the grade). */
  score: z.optional(z.number()),
  /**
   * A token unique to each save (older saves have a counter): a tab whose last known revision is
   * not the stored one does not overwrite (see progressStore).
   */
  rev: z.optional(z.union([z.string(), z.number()])),
});

export interface StoredSession {
  scenarioId: string;
  save: SessionSave;
  savedAt: number;
  status: ProgressStatus;
  postmortemDraft?: PostmortemDraft;
  score?: number;
  rev?: string | number;
  /**
   * The page that wrote it and its running count of records (progressStore: orders a page's
   * exit record against its own later saves). Not in the schema: a loaded record drops it.
   */
  writer?: { tab: string; seq: number };
}

/** What the picker shows for one scenario. */
export interface ProgressSummary {
  status: ProgressStatus;
  /** Set once the incident is closed (the postmortem submitted). */
  score?: number;
}

/** A scenario file the learner loaded in the browser, kept as its text (validated again on every load). */
export const customScenarioSchema = z.object({
  fileName: z.string(),
  text: z.string(),
  /** Taken from the file when it validated: the picker lists it without parsing it again. */
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  failureType: z.string(),
  difficulty: z.string(),
  estimatedMinutes: z.number(),
  loadedAt: z.number(),
});
export type CustomScenarioRecord = z.infer<typeof customScenarioSchema>;

export const settingsSchema = z.object({
  /** xterm's screen reader mode: an accessible DOM mirror of the terminal. */
  screenReaderMode: z._default(z.boolean(), false),
  /** Colour theme: 'system' follows the device (prefers-color-scheme). Older saves have none. */
  theme: z._default(z.enum(['system', 'dark', 'light']), 'system'),
});
export type Settings = z.infer<typeof settingsSchema>;

// Compile-time guard: the schema must accept exactly what the game saves.
type SchemaSave = z.infer<typeof sessionSaveSchema>;
const _saveFits: (s: SessionSave) => SchemaSave = (s) => s;
const _schemaFits: (s: SchemaSave) => SessionSave = (s) => s;
void _saveFits;
void _schemaFits;
