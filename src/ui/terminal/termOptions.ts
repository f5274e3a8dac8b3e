/**
 * The xterm.js options of the play screen's terminal. Kept out of Terminal.svelte so that the
 * bound on scrollback (long sessions must not grow the page's memory without end) is testable.
 */
import type { ITerminalOptions } from '@xterm/xterm';

/** Lines kept above the screen; older ones are dropped (the session transcript is bounded too). */
export const TERMINAL_SCROLLBACK = 5000;

export function terminalOptions(o: { narrow: boolean; screenReaderMode: boolean }): ITerminalOptions {
  return {
    cursorBlink: true,
    fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    // Narrow screens: a smaller font keeps more of kubectl's wide tables on one line.
    fontSize: o.narrow ? 12 : 14,
    lineHeight: 1.15,
    scrollback: TERMINAL_SCROLLBACK,
    screenReaderMode: o.screenReaderMode,
    theme: {
      background: '#0b0f14',
      foreground: '#d8dee9',
      cursor: '#ffb86b',
      selectionBackground: '#3b4b63',
      cyan: '#5fd7d7',
      red: '#ff6b6b',
      green: '#7bd88f',
      yellow: '#ffd166',
    },
  };
}
