import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../../src/ui/terminal/lineEditor';
import { VirtualScreen } from './fixtures/virtualScreen';

/** An editor whose lines must wait for `gate` (as for the game's engine) until it settles. */
function setup(gate: Promise<void>) {
  const screen = new VirtualScreen(80);
  const ran: string[] = [];
  let settled = false;
  gate.then(
    () => (settled = true),
    () => (settled = true),
  );
  const editor = new LineEditor({
    write: (text) => screen.write(text),
    run: (line) => {
      ran.push(line);
      screen.write(`out: ${line}\r\n`);
    },
    clear: () => screen.clear(),
    prompt: () => '$ ',
    columns: () => screen.cols,
    pending: () => (settled ? undefined : gate),
  });
  editor.showPrompt();
  return { editor, screen, ran };
}

const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('LineEditor while what lines need is still loading', () => {
  it('keeps keys typed during the wait and runs them after the waiting line', async () => {
    let open: () => void = () => {};
    const { editor, screen, ran } = setup(new Promise<void>((r) => (open = r)));
    editor.feed('kubectl get pods\r');
    editor.feed('kubectl get no');
    editor.feed('des\r');
    expect(ran).toEqual([]);
    expect(screen.text()).toEqual(['$ kubectl get pods', '']);
    open();
    await flush();
    expect(ran).toEqual(['kubectl get pods', 'kubectl get nodes']);
    expect(screen.text()).toEqual(['$ kubectl get pods', 'out: kubectl get pods', '$ kubectl get nodes', 'out: kubectl get nodes', '$']);
  });

  it('still runs the line when the wait fails: the host answers it (with why), nothing hangs', async () => {
    let fail: (e: Error) => void = () => {};
    const { editor, ran } = setup(new Promise<void>((_, r) => (fail = r)));
    editor.feed('kubectl get pods\r');
    fail(new Error('offline'));
    await flush();
    expect(ran).toEqual(['kubectl get pods']);
    expect(editor.running).toBe(false);
  });
});
