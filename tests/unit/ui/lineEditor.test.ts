import { describe, expect, it } from 'vitest';
import { LineEditor, visibleLength } from '../../../src/ui/terminal/lineEditor';
import { VirtualScreen } from './fixtures/virtualScreen';

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';
const END = '\x1b[F';
const DELETE = '\x1b[3~';
const BACKSPACE = '\x7f';

function setup(options: { cols?: number; history?: string[]; prompt?: string } = {}) {
  const screen = new VirtualScreen(options.cols ?? 80);
  const ran: string[] = [];
  let prompt = options.prompt ?? '$ ';
  const editor = new LineEditor(
    {
      write: (text) => screen.write(text),
      run: (line) => {
        ran.push(line);
        screen.write(`ran: ${line}\r\n`);
      },
      clear: () => screen.clear(),
      prompt: () => prompt,
      columns: () => screen.cols,
    },
    options.history ?? [],
  );
  editor.showPrompt();
  return {
    editor,
    screen,
    ran,
    setPrompt: (p: string) => (prompt = p),
    /** The screen row the cursor is on, and the column. */
    cursor: () => ({ row: screen.row, col: screen.col }),
  };
}

describe('LineEditor', () => {
  it('echoes typed text after the prompt and runs it on Enter', () => {
    const t = setup();
    t.editor.feed('kubectl get pods');
    expect(t.screen.text()).toEqual(['$ kubectl get pods']);
    t.editor.feed('\r');
    expect(t.ran).toEqual(['kubectl get pods']);
    expect(t.screen.text()).toEqual(['$ kubectl get pods', 'ran: kubectl get pods', '$']);
  });

  it('shows the new prompt after a run (e.g. the namespace changed)', () => {
    const t = setup({ prompt: '(default) $ ' });
    t.editor.feed('kubectl config set-context --current --namespace=shop');
    t.setPrompt('(shop) $ ');
    t.editor.feed('\r');
    expect(t.screen.text().at(-1)).toBe('(shop) $');
  });

  it('does not run an empty line but prints a fresh prompt', () => {
    const t = setup();
    t.editor.feed('\r');
    t.editor.feed('   \r');
    expect(t.ran).toEqual([]);
    expect(t.screen.text()).toEqual(['$', '$', '$']);
  });

  it('edits in the middle of the line with left, right, backspace and delete', () => {
    const t = setup();
    t.editor.feed('kubectl get pds');
    t.editor.feed(LEFT + LEFT);
    t.editor.feed('o');
    expect(t.editor.line).toBe('kubectl get pods');
    expect(t.screen.text()).toEqual(['$ kubectl get pods']);
    expect(t.cursor().col).toBe(2 + 'kubectl get po'.length);
    t.editor.feed(BACKSPACE + BACKSPACE + 'o');
    expect(t.editor.line).toBe('kubectl get ods');
    t.editor.feed(HOME + DELETE + DELETE);
    expect(t.editor.line).toBe('bectl get ods');
    expect(t.screen.text()).toEqual(['$ bectl get ods']);
    t.editor.feed(END + RIGHT + 'X');
    expect(t.editor.line).toBe('bectl get odsX');
  });

  it('supports Ctrl-A / Ctrl-E / Ctrl-U / Ctrl-K / Ctrl-W', () => {
    const t = setup();
    t.editor.feed('get pods -n shop');
    t.editor.feed('\x01kubectl ');
    expect(t.editor.line).toBe('kubectl get pods -n shop');
    t.editor.feed('\x05\x17');
    expect(t.editor.line).toBe('kubectl get pods -n ');
    t.editor.feed('\x17\x17');
    expect(t.editor.line).toBe('kubectl get ');
    t.editor.feed(LEFT + LEFT + LEFT + LEFT + '\x0b');
    expect(t.editor.line).toBe('kubectl ');
    t.editor.feed('\x15');
    expect(t.editor.line).toBe('');
    expect(t.screen.text()).toEqual(['$']);
    expect(t.cursor().col).toBe(2);
  });

  it('Ctrl-C abandons the line, prints ^C and a new prompt without running anything', () => {
    const t = setup();
    t.editor.feed('kubectl delete everything\x03');
    expect(t.ran).toEqual([]);
    expect(t.screen.text()).toEqual(['$ kubectl delete everything^C', '$']);
    expect(t.editor.line).toBe('');
  });

  it('Ctrl-L clears the screen and keeps the line being typed', () => {
    const t = setup();
    t.editor.feed('one\rtwo');
    t.editor.feed('\x0c');
    expect(t.screen.text()).toEqual(['$ two']);
    t.editor.feed('\r');
    expect(t.ran).toEqual(['one', 'two']);
  });

  it('browses history with up and down and restores the draft', () => {
    const t = setup({ history: ['kubectl get pods'] });
    t.editor.feed('kubectl logs x\r');
    t.editor.feed('draft');
    t.editor.feed(UP);
    expect(t.editor.line).toBe('kubectl logs x');
    t.editor.feed(UP);
    expect(t.editor.line).toBe('kubectl get pods');
    t.editor.feed(UP);
    expect(t.editor.line).toBe('kubectl get pods');
    expect(t.screen.text().at(-1)).toBe('$ kubectl get pods');
    t.editor.feed(DOWN + DOWN);
    expect(t.editor.line).toBe('draft');
    expect(t.screen.text().at(-1)).toBe('$ draft');
  });

  it('does not store a repeated line twice in history', () => {
    const t = setup();
    t.editor.feed('a\ra\rb\r');
    expect(t.editor.history).toEqual(['a', 'b']);
  });

  it('runs every complete line of a multi-line paste and leaves the last partial line typed', () => {
    const t = setup();
    t.editor.feed('kubectl get pods\r\nkubectl get deploy\nkubectl get ev');
    expect(t.ran).toEqual(['kubectl get pods', 'kubectl get deploy']);
    expect(t.editor.line).toBe('kubectl get ev');
  });

  it('ignores unknown escape sequences and the bare Escape key', () => {
    const t = setup();
    t.editor.feed('ab\x1b[15~\x1bOP');
    t.editor.feed('\x1b');
    t.editor.feed('c\t');
    expect(t.editor.line).toBe('abc');
  });

  it('redraws lines that wrap past the terminal width', () => {
    const t = setup({ cols: 10 });
    t.editor.feed('abcdefghijklmnop');
    expect(t.screen.text()).toEqual(['$ abcdefgh', 'ijklmnop']);
    t.editor.feed(HOME);
    expect(t.cursor()).toEqual({ row: 0, col: 2 });
    t.editor.feed('X');
    expect(t.screen.text()).toEqual(['$ Xabcdefg', 'hijklmnop']);
    expect(t.cursor()).toEqual({ row: 0, col: 3 });
    t.editor.feed(END + BACKSPACE);
    expect(t.screen.text()).toEqual(['$ Xabcdefg', 'hijklmno']);
    expect(t.cursor()).toEqual({ row: 1, col: 8 });
  });

  it('keeps the cursor right when the line ends exactly at the right margin', () => {
    const t = setup({ cols: 10 });
    t.editor.feed('abcdefgh');
    expect(t.cursor()).toEqual({ row: 1, col: 0 });
    t.editor.feed(BACKSPACE);
    expect(t.screen.text()).toEqual(['$ abcdefg']);
    expect(t.cursor()).toEqual({ row: 0, col: 9 });
  });

  it('measures prompts with colour codes by what is visible', () => {
    expect(visibleLength('\x1b[1;32m(default)\x1b[0m $ ')).toBe('(default) $ '.length);
  });
});
