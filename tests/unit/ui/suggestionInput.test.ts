import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../../src/ui/terminal/lineEditor';
import { lineInput } from '../../../src/ui/terminal/suggestions';
import { VirtualScreen } from './fixtures/virtualScreen';

function setup(cols = 80) {
  const screen = new VirtualScreen(cols);
  const ran: string[] = [];
  const editor = new LineEditor({
    write: (text) => screen.write(text),
    run: (line) => {
      ran.push(line);
      screen.write(`ran: ${line}\r\n`);
      return line.endsWith(' -w');
    },
    clear: () => screen.clear(),
    prompt: () => '$ ',
    columns: () => screen.cols,
  });
  editor.showPrompt();
  return { editor, screen, ran };
}

describe('a tapped suggestion, typed into the line editor (lineInput)', () => {
  it('replaces what was typed, shows the line without running it, and Enter runs it', () => {
    const t = setup();
    t.editor.feed('kub');
    t.editor.feed(lineInput('kubectl get pods'));
    expect(t.screen.text()).toEqual(['$ kubectl get pods']);
    expect(t.ran).toEqual([]);
    t.editor.feed('\r');
    expect(t.ran).toEqual(['kubectl get pods']);
  });

  it('puts the cursor where the missing name goes, so typing fills it in', () => {
    const t = setup();
    t.editor.feed(lineInput('kubectl logs  --previous', 'kubectl logs '.length));
    t.editor.feed('api-0');
    expect(t.editor.line).toBe('kubectl logs api-0 --previous');
    expect(t.screen.text()).toEqual(['$ kubectl logs api-0 --previous']);
  });

  it('redraws correctly over a long line that wrapped', () => {
    const t = setup(24);
    t.editor.feed('kubectl get pods -n taskflow-demo');
    t.editor.feed(lineInput('kubectl get events'));
    expect(t.screen.text()).toEqual(['$ kubectl get events']);
  });

  it('keeps control characters out of the line (a newline cannot run it, an escape cannot draw)', () => {
    const t = setup();
    t.editor.feed(lineInput('echo a\necho b\x1b[2J'));
    expect(t.editor.line).toBe('echo a echo b [2J');
    expect(t.ran).toEqual([]);
  });

  it('does nothing while a command runs, and ends a Ctrl-R search first', () => {
    const t = setup();
    t.editor.feed('kubectl get deploy -w\r');
    t.editor.feed(lineInput('kubectl get pods'));
    expect(t.editor.line).toBe('');
    t.editor.commandEnded(true);
    t.editor.feed('\x12kube');
    t.editor.feed(lineInput('kubectl get pods'));
    expect(t.editor.line).toBe('kubectl get pods');
    expect(t.screen.text().at(-1)).toBe('$ kubectl get pods');
    t.editor.feed('\r');
    expect(t.ran).toEqual(['kubectl get deploy -w', 'kubectl get pods']);
  });
});
