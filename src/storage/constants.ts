/**
 * The storage constants the first load needs, apart from the zod schemas (schema.ts): those are
 * loaded only when a stored record has to be checked, so a first visit (nothing stored yet) never
 * downloads zod before the play screen's prompt.
 */
import type { Settings } from './schema';

/** Records that could not be read are kept under this prefix, never deleted. */
export const CORRUPT_PREFIX = 'corrupt:';

export const DEFAULT_SETTINGS: Settings = { screenReaderMode: false, theme: 'system' };
