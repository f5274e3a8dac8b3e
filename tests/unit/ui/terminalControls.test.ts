/**
 * Text from outside the app (a scenario file's log lines, an imported save's transcript and
 * history) reaches xterm.js, which obeys escape sequences: it could paint a fake prompt, clear the
 * screen, retitle the tab or plant an OSC 8 hyperlink. The terminal shows such text as text, the
 * way `cat -v` does. Checked with xterm.js itself, headless (its buffer works without a DOM).
 */
import { Terminal } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../../src/ui/terminal/lineEditor';
import { commandOutput, toTerminalText, visibleControls } from '../../../src/ui/terminal/termText';
import { VirtualScreen } from './fixtures/virtualScreen';

function rows(t: Terminal): string[] {
  const b = t.buffer.active;
  const out: string[] = [];
  for (let i = 0; i < b.length; i++) out.push(b.getLine(i)!.translateToString(true));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

const hostile = [
  'before',
  '\x1b]8;;javascript:alert(1)\x07click me\x1b]8;;\x07', // OSC 8 hyperlink
  '\x1b]0;pwned title\x07', // window title
  '\x1b[2J\x1b[Hfake screen', // clear and home
  '\x9b31mC1 red\x9b0m', // 8-bit CSI
  'end',
].join('\n');

describe('untrusted text in the terminal', () => {
  it('is shown literally: no hyperlink, no title, nothing cleared, every line where it was', async () => {
    const t = new Terminal({ cols: 100, rows: 20 });
    const titles: string[] = [];
    t.onTitleChange((title) => titles.push(title));
    await new Promise<void>((resolve) => t.write(commandOutput(hostile, ''), resolve));
    expect(rows(t)).toEqual([
      'before',
      '^[]8;;javascript:alert(1)^Gclick me^[]8;;^G',
      '^[]0;pwned title^G',
      '^[[2J^[[Hfake screen',
      'M-^[31mC1 redM-^[0m',
      'end',
    ]);
    expect(titles).toEqual([]);
    // Written raw, the same text retitles the terminal: the check above can fail.
    await new Promise<void>((resolve) => t.write(hostile.replace(/\n/g, '\r\n'), resolve));
    expect(titles).toEqual(['pwned title']);
  });

  it('keeps tabs and line breaks, and leaves ordinary text (unicode included) alone', () => {
    expect(toTerminalText('a\tb\nc\r\nd')).toBe('a\tb\r\nc\r\nd');
    const text = 'ＳＣＲＩＰＴ \u202Eevil\u202C zero\u200Dwidth ünïcödé 名前 🙂';
    expect(visibleControls(text)).toBe(text);
    expect(visibleControls('\x00\x7f')).toBe('^@^?');
  });

  it('a restored history holds only what could have been typed, and C1 codes typed are dropped', () => {
    const screen = new VirtualScreen(80);
    const ran: string[] = [];
    const editor = new LineEditor(
      { write: (text) => screen.write(text), run: (line) => void ran.push(line), clear: () => screen.clear(), prompt: () => '$ ', columns: () => screen.cols },
      ['echo \x1b]0;title\x07hi\x9b2J'],
    );
    editor.showPrompt();
    editor.feed('\x1b[A');
    expect(editor.line).toBe('echo ]0;titlehi2J');
    editor.feed('\x9b!\r');
    expect(ran).toEqual(['echo ]0;titlehi2J!']);
  });
});
