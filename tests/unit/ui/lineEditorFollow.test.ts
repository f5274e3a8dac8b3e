import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../../src/ui/terminal/lineEditor';
import { VirtualScreen } from './fixtures/virtualScreen';

/** An editor whose host treats lines ending in ` -w` as following commands. */
function setup() {
  const screen = new VirtualScreen(80);
  const ran: string[] = [];
  let interrupts = 0;
  const editor = new LineEditor({
    write: (text) => screen.write(text),
    run: (line) => {
      ran.push(line);
      screen.write(`out: ${line}\r\n`);
      return line.endsWith(' -w');
    },
    interrupt: () => {
      interrupts++;
      // The host stops the command and tells the editor, as Terminal.svelte does via the session.
      editor.commandEnded(true);
    },
    clear: () => screen.clear(),
    prompt: () => '$ ',
    columns: () => screen.cols,
  });
  editor.showPrompt();
  return { editor, screen, ran, interrupts: () => interrupts };
}

describe('LineEditor with a following command', () => {
  it('shows no prompt while the command runs, drops typing, and Ctrl-C brings the prompt back', () => {
    const t = setup();
    t.editor.feed('kubectl get pods -w\r');
    expect(t.editor.running).toBe(true);
    expect(t.screen.text()).toEqual(['$ kubectl get pods -w', 'out: kubectl get pods -w', '']);
    t.editor.feed('ls\r');
    expect(t.ran).toEqual(['kubectl get pods -w']);
    t.editor.feed('\x03');
    expect(t.interrupts()).toBe(1);
    expect(t.editor.running).toBe(false);
    expect(t.screen.text()).toEqual(['$ kubectl get pods -w', 'out: kubectl get pods -w', '^C', '$']);
    t.editor.feed('echo hi\r');
    expect(t.ran).toEqual(['kubectl get pods -w', 'echo hi']);
  });

  it('a command that ends by itself brings the prompt back without ^C', () => {
    const t = setup();
    t.editor.feed('kubectl logs -f pod -w\r');
    t.editor.commandEnded(false);
    expect(t.screen.text().slice(-1)).toEqual(['$']);
    expect(t.screen.text()).not.toContain('^C');
  });

  it('a paste stops at the following line; the rest is dropped as type-ahead', () => {
    const t = setup();
    t.editor.feed('kubectl get pods -w\rkubectl get deploy\r');
    expect(t.ran).toEqual(['kubectl get pods -w']);
    expect(t.editor.line).toBe('');
  });

  it('restored mid-command it waits for the end instead of prompting', () => {
    const screen = new VirtualScreen(80);
    const editor = new LineEditor({ write: (x) => screen.write(x), run: () => undefined, clear: () => screen.clear(), prompt: () => '$ ', columns: () => 80 });
    editor.awaitCommand();
    expect(screen.text().join('')).toBe('');
    editor.commandEnded(true);
    expect(screen.text()).toEqual(['^C', '$']);
  });
});
