/**
 * The colour theme: System (follows the device), Dark or Light. The setting is kept with the other
 * settings in IndexedDB; a copy in localStorage lets main.ts put it on <html data-theme> before the
 * first paint (IndexedDB is asynchronous, so waiting for it would flash the other theme).
 * styles.css does the rest; the terminal, which draws its own colours, listens here.
 */
export type ThemeSetting = 'system' | 'dark' | 'light';
export type Theme = 'dark' | 'light';

export const THEME_SETTINGS: readonly { value: ThemeSetting; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

const STORAGE_KEY = 'firedrill-theme';
/** The colour the browser's own UI (the address bar on phones) takes, per theme: the page background. */
const THEME_COLOR: Record<Theme, string> = { dark: '#0f141a', light: '#f6f8fa' };

const listeners = new Set<(theme: Theme) => void>();
let current: ThemeSetting = 'system';

function isThemeSetting(value: unknown): value is ThemeSetting {
  return value === 'system' || value === 'dark' || value === 'light';
}

function systemQuery(): MediaQueryList | undefined {
  return typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : undefined;
}

/** The theme actually shown: the setting, or the device's preference for System. */
export function resolvedTheme(setting: ThemeSetting = current): Theme {
  if (setting !== 'system') return setting;
  return systemQuery()?.matches ? 'light' : 'dark';
}

function paint(): void {
  const root = document.documentElement;
  if (current === 'system') delete root.dataset.theme;
  else root.dataset.theme = current;
  const theme = resolvedTheme();
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', THEME_COLOR[theme]);
  document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme);
  for (const listener of listeners) listener(theme);
}

/** Shows a theme and remembers it for the next page load's first paint. */
export function applyTheme(setting: ThemeSetting): void {
  current = setting;
  try {
    localStorage.setItem(STORAGE_KEY, setting);
  } catch {
    // Storage blocked (a sandboxed frame, a strict privacy mode): the theme still applies now.
  }
  paint();
}

/** At start-up, before the app mounts: the theme the learner chose last time, if any. */
export function applyStoredTheme(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // As above: no stored theme, so System.
  }
  current = isThemeSetting(stored) ? stored : 'system';
  paint();
  systemQuery()?.addEventListener('change', () => {
    if (current === 'system') paint();
  });
}

/** Calls `listener` with the shown theme whenever it changes; returns the unsubscribe. */
export function onThemeChange(listener: (theme: Theme) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the learner asked the device for less motion (no cursor blink, no animations). */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
