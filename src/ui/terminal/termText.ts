/**
 * Control characters other than tab and line feed: C0, DEL and the 8-bit C1 set, which xterm.js
 * also obeys (0x9b is CSI). None of our own output needs them; only untrusted text (a scenario
 * file's log lines, an imported save's transcript) could carry them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Untrusted text shown the way `cat -v` shows it: ESC as ^[, DEL as ^?, C1 as M-^x. Written raw, an
 * escape sequence in it could move the cursor, paint a fake prompt, retitle the page or plant a
 * hyperlink (OSC 8); shown like this it is only text.
 */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x7f) return '^?';
    if (code >= 0x80) return `M-^${String.fromCharCode(code - 0x80 + 0x40)}`;
    return `^${String.fromCharCode(code + 0x40)}`;
  });
}

/**
 * kubectl output uses "\n"; a terminal needs "\r\n" to return to the first column. Any other
 * control character is made visible (see visibleControls): output is text, never terminal commands.
 */
export function toTerminalText(text: string): string {
  return visibleControls(text.replace(/\r?\n/g, '\n')).replace(/\n/g, '\r\n');
}

/** A line the learner could have typed: no control characters at all (the line editor drops them). */
export function typeable(line: string): string {
  return line.replace(CONTROL, '');
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
