/**
 * Long sessions stay bounded: the play screen's xterm keeps at most TERMINAL_SCROLLBACK lines
 * above the screen, and the session's transcript (what a reload prints back) is capped too. Uses
 * xterm.js itself, headless (no open(): the buffer works without a DOM).
 */
import { Terminal } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import { MAX_TRANSCRIPT, TRIMMED_MARKER } from '../../../src/incident/session';
import { TERMINAL_SCROLLBACK, terminalOptions } from '../../../src/ui/terminal/termOptions';
import { commandOutput, toTerminalText } from '../../../src/ui/terminal/termText';

const scenario = loadScenarioFile(scenarioPath('taskflow-crashloop'));
const NS = 'taskflow-demo';

function flush(t: Terminal): Promise<void> {
  return new Promise((resolve) => t.write('', resolve));
}

function lastLines(t: Terminal, n: number): string[] {
  const b = t.buffer.active;
  const out: string[] = [];
  for (let i = 0; i < b.length; i++) out.push(b.getLine(i)!.translateToString(true));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.slice(-n);
}

describe('terminal scrollback in a long session', () => {
  it('keeps at most the scrollback limit above the screen, the newest output at the bottom', async () => {
    const t = new Terminal({ ...terminalOptions({ narrow: false, screenReaderMode: false }), rows: 24, cols: 120 });
    expect(t.options.scrollback).toBe(TERMINAL_SCROLLBACK);
    const session = createSession(scenario, { arrivalMs: Date.UTC(2026, 10, 24, 15, 40, 0) });
    const pod = session.exec(`kubectl get pods -n ${NS} -o name`).stdout.split('\n')[0]!.slice('pod/'.length);
    let written = 0;
    for (let i = 0; i < 400; i++) {
      const line = i % 3 === 0 ? `kubectl describe pod ${pod} -n ${NS}` : i % 3 === 1 ? `kubectl get pods -n ${NS}` : `kubectl events -n ${NS}`;
      const r = session.exec(line);
      const text = `(${NS}) $ ${line}\r\n${commandOutput(r.stdout, r.stderr)}`;
      written += text.split('\r\n').length - 1;
      t.write(text);
      if (i % 100 === 99) {
        session.dispatch({ type: 'wait', seconds: 60 });
        await flush(t);
      }
    }
    t.write(`marker ${written}\r\n`);
    await flush(t);
    expect(written).toBeGreaterThan(2 * TERMINAL_SCROLLBACK);
    expect(t.buffer.active.length).toBeLessThanOrEqual(t.rows + TERMINAL_SCROLLBACK);
    expect(lastLines(t, 1)).toEqual([`marker ${written}`]);

    // The transcript a reload prints back is capped as well, and fits the same terminal.
    const transcript = session.save().transcript;
    expect(transcript.length).toBeLessThanOrEqual(MAX_TRANSCRIPT);
    expect(transcript.startsWith(TRIMMED_MARKER)).toBe(true);
    const restored = new Terminal({ ...terminalOptions({ narrow: true, screenReaderMode: true }), rows: 24, cols: 120 });
    restored.write(toTerminalText(transcript));
    await flush(restored);
    expect(restored.buffer.active.length).toBeLessThanOrEqual(restored.rows + TERMINAL_SCROLLBACK);
    t.dispose();
    restored.dispose();
  }, 60_000);
});
