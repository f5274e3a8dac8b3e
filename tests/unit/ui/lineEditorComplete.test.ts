import { describe, expect, it } from 'vitest';
import { LineEditor, listCandidates } from '../../../src/ui/terminal/lineEditor';
import { VirtualScreen } from './fixtures/virtualScreen';

const WORDS = ['kubectl', 'deploy', 'deployments', 'describe', 'pods', 'api-service-1', 'api-service-2'];

/** Completes the word before the cursor from WORDS (the real candidates come from the session). */
function setup(cols = 80) {
  const screen = new VirtualScreen(cols);
  const editor = new LineEditor({
    write: (text) => screen.write(text),
    run: () => undefined,
    clear: () => screen.clear(),
    prompt: () => '$ ',
    columns: () => screen.cols,
    complete: (line, cursor) => {
      const start = line.lastIndexOf(' ', cursor - 1) + 1;
      const word = line.slice(start, cursor);
      return { start, candidates: WORDS.filter((w) => w.startsWith(word)) };
    },
  });
  editor.showPrompt();
  return { editor, screen };
}

describe('LineEditor Tab completion', () => {
  it('one match completes the word and adds a space', () => {
    const t = setup();
    t.editor.feed('kub\t');
    expect(t.editor.line).toBe('kubectl ');
    expect(t.screen.text()).toEqual(['$ kubectl']);
    t.editor.feed('po\t');
    expect(t.editor.line).toBe('kubectl pods ');
  });

  it('several matches complete their common prefix; a second Tab lists them like bash', () => {
    const t = setup();
    t.editor.feed('kubectl dep\t');
    expect(t.editor.line).toBe('kubectl deploy');
    t.editor.feed('\t');
    expect(t.screen.text()).toEqual(['$ kubectl deploy']);
    t.editor.feed('\t');
    expect(t.screen.text()).toEqual(['$ kubectl deploy', 'deploy       deployments', '$ kubectl deploy']);
    expect(t.editor.cursorIndex).toBe('kubectl deploy'.length);
    t.editor.feed('m\t');
    expect(t.editor.line).toBe('kubectl deployments ');
  });

  it('completes in the middle of a line, keeping what follows the cursor', () => {
    const t = setup();
    t.editor.feed('kubectl get api -o wide');
    t.editor.feed('\x1b[D'.repeat(' -o wide'.length));
    t.editor.feed('\t');
    expect(t.editor.line).toBe('kubectl get api-service- -o wide');
    expect(t.editor.cursorIndex).toBe('kubectl get api-service-'.length);
  });

  it('no match does nothing', () => {
    const t = setup();
    t.editor.feed('zzz\t\t');
    expect(t.editor.line).toBe('zzz');
    expect(t.screen.text()).toEqual(['$ zzz']);
  });

  it('lists in columns that fit the terminal, down then across', () => {
    expect(listCandidates(['a', 'bb', 'c', 'd', 'e'], 10)).toBe('a   c   e\nbb  d\n');
    expect(listCandidates(['a', 'bb', 'c', 'd', 'e'], 8)).toBe('a   d\nbb  e\nc\n');
    expect(listCandidates(['one', 'two'], 80)).toBe('one  two\n');
  });
});
