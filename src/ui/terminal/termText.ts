/** kubectl output uses "\n"; a terminal needs "\r\n" to return to the first column. */
export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Output of one command as the terminal shows it: stdout, then stderr, ending on a new line. */
export function commandOutput(stdout: string, stderr: string, stderrFirst = false): string {
  let out = '';
  for (const part of stderrFirst ? [stderr, stdout] : [stdout, stderr]) {
    if (part === '') continue;
    out += part.endsWith('\n') ? part : `${part}\n`;
  }
  return toTerminalText(out);
}

const CYAN = '\x1b[36m';
const RESET = '\x1b[0m';

/** The prompt names the namespace kubectl will use, so "No resources found" makes sense. */
export function promptFor(namespace: string): string {
  return `${CYAN}(${namespace})${RESET} $ `;
}

/** Erase display and scrollback, cursor home: `clear` and Ctrl-L. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

/** xterm's alternate screen (what full-screen programs like `watch` draw on), and back. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
/** Cursor home and erase the screen: the start of each `watch` frame. */
export const FRAME_HOME = '\x1b[H\x1b[2J';

/** The terminal input's accessible name: how to type, complete, and get out with the keyboard. */
export const TERMINAL_LABEL =
  'Terminal input: type a command and press Enter. Tab completes a typed command; on an empty line, or after Escape, Tab moves focus out of the terminal.';
