/**
 * The colour theme: System (follows the device), Dark or Light. The setting is kept with the other
 * settings in IndexedDB; a copy in localStorage lets main.ts put it on <html data-theme> before the
 * first paint (IndexedDB is asynchronous, so waiting for it would flash the other theme).
 * styles.css does the rest; the terminal, which draws its own colours, is told
 * and watches the device preference itself.
 */
export type ThemeSetting = 'system' | 'dark' | 'light';

/** Each theme's page background, as index.html's theme-color metas give it. */
const THEME_COLOUR = { dark: '#0f141a', light: '#f6f8fa' } as const;

/** The localStorage key main.ts reads at start-up. */
const THEME_KEY = 'firedrill-theme';
const root = document.documentElement;

/** The theme the page shows now (System when <html> has none). */
export function currentThemeSetting(): ThemeSetting {
  const shown = root.dataset.theme;
  return shown === 'light' || shown === 'dark' ? shown : 'system';
}

/** Shows a theme and remembers it for the next page load's first paint. */
export function applyTheme(setting: ThemeSetting): void {
  try {
    localStorage.setItem(THEME_KEY, setting);
  } catch {
    // Storage blocked (a sandboxed frame, a strict privacy mode): the theme still applies now.
  }
  if (setting === 'system') delete root.dataset.theme;
  else root.dataset.theme = setting;
  // The browser's own colour (address bar, task switcher): index.html has one per device scheme;
  // a chosen theme sets both to its colour, System gives each its own back (main.ts does the same
  // at start-up).
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const own = meta.media.includes('dark') ? 'dark' : 'light';
    meta.content = THEME_COLOUR[setting === 'system' ? own : setting];
  }
  // Terminal.svelte listens for this (it draws its own colours). The name is spelled out in
  // both places: an import between them would cost the play screen's first load a chunk.
  dispatchEvent(new Event('firedrill-theme'));
}
