import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration } from '../../../src/ui/format/clock';
import { commandOutput, promptFor, toTerminalText } from '../../../src/ui/terminal/termText';
import { visibleLength } from '../../../src/ui/terminal/lineEditor';

describe('clock and durations', () => {
  it('shows sim time as HH:MM:SS in UTC', () => {
    expect(formatClock(Date.UTC(2026, 10, 24, 9, 5, 7))).toBe('09:05:07');
    expect(formatClock(Date.UTC(2026, 10, 24, 23, 59, 59, 999))).toBe('23:59:59');
  });

  it('reads durations in words', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_960_000)).toBe('1 h 06 min');
  });
});

describe('terminal text', () => {
  it('turns newlines into CR LF', () => {
    expect(toTerminalText('a\nb\r\nc\n')).toBe('a\r\nb\r\nc\r\n');
  });

  it('prints stdout then stderr, each ending on its own line', () => {
    expect(commandOutput('NAME\npod-a\n', 'Error from server (NotFound)')).toBe('NAME\r\npod-a\r\nError from server (NotFound)\r\n');
    expect(commandOutput('', '')).toBe('');
  });

  it('shows the namespace in the prompt', () => {
    const prompt = promptFor('taskflow-demo');
    // eslint-disable-next-line no-control-regex -- stripping colour codes
    expect(prompt.replace(/\x1b\[[0-9;]*m/g, '')).toBe('(taskflow-demo) $ ');
    expect(visibleLength(prompt)).toBe('(taskflow-demo) $ '.length);
  });
});
