/**
 * The xterm.js options of the play screen's terminal. Kept out of Terminal.svelte so that the
 * bound on scrollback (long sessions must not grow the page's memory without end) is testable.
 */
import type { ITerminalOptions, ITheme } from '@xterm/xterm';
import type { Theme } from '../theme';

/** Lines kept above the screen; older ones are dropped (the session transcript is bounded too). */
export const TERMINAL_SCROLLBACK = 5000;

/**
 * The terminal's colours per page theme (xterm draws its own, so styles.css cannot reach them).
 * Every ANSI colour a command may print keeps at least 4.5:1 against its background (WCAG AA);
 * tests/unit/ui/termOptions.test.ts checks it.
 */
export const TERMINAL_THEMES: Record<Theme, ITheme> = {
  dark: {
    background: '#0b0f14',
    foreground: '#d8dee9',
    cursor: '#ffb86b',
    cursorAccent: '#0b0f14',
    selectionBackground: '#3b4b63',
    black: '#3b4252',
    red: '#ff6b6b',
    green: '#7bd88f',
    yellow: '#ffd166',
    blue: '#6cb6ff',
    magenta: '#d59bff',
    cyan: '#5fd7d7',
    white: '#d8dee9',
    brightBlack: '#8b97a6',
    brightRed: '#ff8f8f',
    brightGreen: '#9be5aa',
    brightYellow: '#ffe08a',
    brightBlue: '#96cbff',
    brightMagenta: '#e2b8ff',
    brightCyan: '#8ae6e6',
    brightWhite: '#ffffff',
  },
  light: {
    // The page's sunken background, as the dark terminal uses the dark one.
    background: '#eef1f4',
    foreground: '#1f2328',
    cursor: '#b93d00',
    cursorAccent: '#eef1f4',
    selectionBackground: '#b6d6ff',
    black: '#1f2328',
    red: '#b3261e',
    green: '#116329',
    yellow: '#7a5200',
    blue: '#0550ae',
    magenta: '#7d3fc2',
    cyan: '#0b6170',
    // On a light background "white" must still be readable text: a mid grey, as most light themes do.
    white: '#57606a',
    brightBlack: '#57606a',
    brightRed: '#a40e26',
    brightGreen: '#1a6e33',
    brightYellow: '#6f4a00',
    brightBlue: '#0a5cc2',
    brightMagenta: '#6a32b0',
    brightCyan: '#09535f',
    brightWhite: '#24292f',
  },
};

export function terminalOptions(o: { narrow: boolean; screenReaderMode: boolean; theme?: Theme; reducedMotion?: boolean }): ITerminalOptions {
  return {
    // A blinking cursor is motion: off when the device asks for less of it.
    cursorBlink: !o.reducedMotion,
    fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    // Narrow screens: a smaller font keeps more of kubectl's wide tables on one line.
    fontSize: o.narrow ? 12 : 14,
    lineHeight: 1.15,
    scrollback: TERMINAL_SCROLLBACK,
    screenReaderMode: o.screenReaderMode,
    theme: TERMINAL_THEMES[o.theme ?? 'dark'],
  };
}
