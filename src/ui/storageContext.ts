/** One storage connection for the page, opened on first use (the picker and the play screen share it). */
import { openStorage, type OpenedStorage, type Settings } from '../storage';
import { applyTheme, currentThemeSetting } from './theme';

let opened: Promise<OpenedStorage> | undefined;

export function getStorage(): Promise<OpenedStorage> {
  opened ??= openStorage();
  return opened;
}

/** The page's settings: read from storage once, then kept here as the screens change them. */
let settings: Promise<Settings> | undefined;

/**
 * The settings, for any screen (the picker, a direct play link) to start from. The first call reads
 * them and shows the stored theme (it wins over the start-up copy in localStorage, which may be
 * missing or stale). When storage is memory-only nothing was stored, so the theme is the one the
 * page already shows (from that start-up copy) and the settings say so.
 */
export function loadSettings(): Promise<Settings> {
  settings ??= getStorage().then(async ({ store }) => {
    const saved = await store.loadSettings();
    if (!store.persistent) return { ...saved, theme: currentThemeSetting() };
    applyTheme(saved.theme);
    return saved;
  });
  return settings;
}

/** Changes some settings: merged into the loaded ones (never into defaults), kept, and saved. */
export async function changeSettings(change: Partial<Settings>): Promise<Settings> {
  // Chained at once, so two quick changes (before the first read is done) both survive.
  settings = loadSettings().then((current) => ({ ...current, ...change }));
  const next = await settings;
  const { store } = await getStorage();
  await store.saveSettings(next);
  return next;
}
