import { describe, expect, it } from 'vitest';
import { clockOf, saveProblemText } from '../../../src/ui/play/saveProblems';

describe('what a failed save tells the learner', () => {
  const since = new Date(2026, 11, 7, 9, 5).getTime();

  it('a full disk: plain words, since when, and what to do', () => {
    const text = saveProblemText({ reason: 'The quota has been exceeded.', problem: 'quota' }, since);
    expect(text).toContain('Your browser is out of storage space for this site, so progress since 09:05 is not saved.');
    expect(text).toMatch(/download your progress, or free some space/);
    expect(text).not.toContain('quota');
  });

  it('another tab saved this game: this tab stops, says so, and points at reload', () => {
    const text = saveProblemText({ reason: 'another tab saved this game', problem: 'conflict', keptAs: 'corrupt:a:1' }, since);
    expect(text).toMatch(/saved from another tab/);
    expect(text).toMatch(/kept what you did here aside/);
    expect(text).toMatch(/Reload/);
  });

  it('storage taken over by a newer version: reload', () => {
    expect(saveProblemText({ reason: 'x', problem: 'closed' }, since)).toMatch(/Progress since 09:05 is not saved here: reload this page/);
  });

  it('anything else names the reason', () => {
    expect(saveProblemText({ reason: 'disk on fire' }, since)).toMatch(/Progress since 09:05 could not be saved \(disk on fire\)/);
    expect(clockOf(new Date(2026, 0, 1, 23, 59).getTime())).toBe('23:59');
  });
});
