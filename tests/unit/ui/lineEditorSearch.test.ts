import { describe, expect, it } from 'vitest';
import { LineEditor, MAX_EDITOR_HISTORY } from '../../../src/ui/terminal/lineEditor';
import { VirtualScreen } from './fixtures/virtualScreen';

const HISTORY = ['kubectl get pods -n taskflow-demo', 'kubectl logs api-1 --previous', 'kubectl get deploy', 'date'];

function setup(cols = 80) {
  const screen = new VirtualScreen(cols);
  const ran: string[] = [];
  const editor = new LineEditor(
    {
      write: (text) => screen.write(text),
      run: (line) => {
        ran.push(line);
      },
      clear: () => screen.clear(),
      prompt: () => '$ ',
      columns: () => screen.cols,
    },
    HISTORY,
  );
  editor.showPrompt();
  return { editor, screen, ran };
}

describe('LineEditor Ctrl-R (reverse-i-search)', () => {
  it("shows bash's search line and finds the newest match as you type", () => {
    const t = setup();
    t.editor.feed('\x12');
    expect(t.screen.text()).toEqual(["(reverse-i-search)`':"]);
    t.editor.feed('get');
    expect(t.screen.text()).toEqual(["(reverse-i-search)`get': kubectl get deploy"]);
    // The cursor sits at the match, as in bash.
    expect(t.screen.col).toBe("(reverse-i-search)`get': kubectl ".length);
    t.editor.feed('\x12');
    expect(t.screen.text()).toEqual(["(reverse-i-search)`get': kubectl get pods -n taskflow-demo"]);
  });

  it('says when nothing matches, keeping the last match', () => {
    const t = setup();
    t.editor.feed('\x12logs');
    t.editor.feed('x');
    expect(t.screen.text()).toEqual(["(failed reverse-i-search)`logsx': kubectl logs api-1 --previous"]);
    t.editor.feed('\x7f');
    expect(t.screen.text()).toEqual(["(reverse-i-search)`logs': kubectl logs api-1 --previous"]);
  });

  it('Enter runs the found line; an arrow key keeps it for editing; Ctrl-G puts back the typed line', () => {
    const t = setup();
    t.editor.feed('\x12deploy\r');
    expect(t.ran).toEqual(['kubectl get deploy']);
    expect(t.screen.text()).toEqual(["$ kubectl get deploy", '$']);

    t.editor.feed('\x12prev\x1b[C');
    expect(t.editor.line).toBe('kubectl logs api-1 --previous');
    expect(t.screen.text().at(-1)).toBe('$ kubectl logs api-1 --previous');
    expect(t.editor.cursorIndex).toBe('kubectl logs api-1 --p'.length);

    const u = setup();
    u.editor.feed('echo draft\x12get');
    u.editor.feed('\x07');
    expect(u.editor.line).toBe('echo draft');
    expect(u.screen.text()).toEqual(['$ echo draft']);
  });

  it('Up and Down go on from the entry found', () => {
    const t = setup();
    t.editor.feed('draft\x12logs\x1b[A');
    expect(t.editor.line).toBe('kubectl get pods -n taskflow-demo');
    t.editor.feed('\x1b[B\x1b[B');
    expect(t.editor.line).toBe('kubectl get deploy');
    t.editor.feed('\x1b[B\x1b[B');
    expect(t.editor.line).toBe('draft');
  });

  it('Ctrl-C abandons the search and the line', () => {
    const t = setup();
    t.editor.feed('\x12date\x03');
    expect(t.ran).toEqual([]);
    expect(t.screen.text()).toEqual(['$ date^C', '$']);
  });
});

describe('LineEditor in a long session', () => {
  it('keeps a bounded history and still recalls the newest lines', () => {
    const t = setup();
    for (let i = 0; i < 3000; i++) t.editor.feed(`echo ${i}\r`);
    expect(t.editor.history.length).toBe(MAX_EDITOR_HISTORY);
    expect(t.editor.history.at(-1)).toBe('echo 2999');
    t.editor.feed('\x12echo 2000');
    expect(t.screen.text().at(-1)).toBe("(reverse-i-search)`echo 2000': echo 2000");
  });
});
