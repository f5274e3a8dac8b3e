/**
 * The storage constants the first load needs, apart from the zod schemas (schema.ts): those are
 * loaded only when a stored record has to be checked, so a first visit (nothing stored yet) never
 * downloads zod before the play screen's prompt.
 */
import type { Settings } from './schema';

/** Records that could not be read are kept under this prefix, never deleted. */
export const CORRUPT_PREFIX = 'corrupt:';

/**
 * A game's last changes, written as its page went away (progressStore.saveOnExit), in the
 * journal (localStorage) under this prefix and the scenario id: the next load makes them the
 * save, or keeps them aside if another tab saved that game meanwhile.
 */
export const EXIT_PREFIX = 'firedrill-exit:';

export const DEFAULT_SETTINGS: Settings = { screenReaderMode: false, theme: 'system' };

const THEMES: readonly string[] = ['system', 'dark', 'light'] satisfies readonly Settings['theme'][];

/**
 * The stored settings record, checked by hand: two fields do not need zod, and a returning
 * learner who once changed a setting would otherwise load the schema chunk before the play
 * prompt. Each field that is missing or not valid takes its default (so records from before a
 * setting existed, and garbage, still give usable settings); unknown fields are dropped.
 */
export function parseSettings(raw: unknown): Settings {
  const record: Record<string, unknown> = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const { screenReaderMode, theme } = record;
  return {
    screenReaderMode: typeof screenReaderMode === 'boolean' ? screenReaderMode : DEFAULT_SETTINGS.screenReaderMode,
    theme: typeof theme === 'string' && THEMES.includes(theme) ? (theme as Settings['theme']) : DEFAULT_SETTINGS.theme,
  };
}
