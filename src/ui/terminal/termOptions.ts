/**
 * The xterm.js options of the play screen's terminal. Kept out of Terminal.svelte so that the
 * bound on scrollback (long sessions must not grow the page's memory without end) is testable.
 */
import type { ITerminalOptions, ITheme } from '@xterm/xterm';

/** Lines kept above the screen; older ones are dropped (the session transcript is bounded too). */
export const TERMINAL_SCROLLBACK = 5000;

/**
 * The terminal's colours come from the page theme's CSS variables (--term-*, in styles.css, one set
 * per theme): xterm draws its own colours, so it is told them, again whenever the theme changes.
 * The game prints only the default colours, bold, and cyan (the prompt's namespace).
 */
export function terminalColors(style: CSSStyleDeclaration): ITheme {
  const v = (name: string) => style.getPropertyValue(`--term-${name}`).trim();
  return {
    background: v('bg'),
    foreground: v('fg'),
    cursor: v('cursor'),
    cursorAccent: v('bg'),
    selectionBackground: v('selection'),
    cyan: v('cyan'),
  };
}

export function terminalOptions(o: { narrow: boolean; screenReaderMode: boolean; colors?: ITheme; reducedMotion?: boolean }): ITerminalOptions {
  return {
    // A blinking cursor is motion: off when the device asks for less of it.
    cursorBlink: !o.reducedMotion,
    fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    // Narrow screens: a smaller font keeps more of kubectl's wide tables on one line.
    fontSize: o.narrow ? 12 : 14,
    lineHeight: 1.15,
    scrollback: TERMINAL_SCROLLBACK,
    screenReaderMode: o.screenReaderMode,
    theme: o.colors,
  };
}
