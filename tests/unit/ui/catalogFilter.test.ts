import { describe, expect, it } from 'vitest';
import { filterCatalog, failureTypes, NO_FILTER, progressLabel } from '../../../src/ui/picker/catalogFilter';

const entries = [
  { id: 'a', title: 'Crash after deploy', summary: 'api restarts', failureType: 'CrashLoopBackOff', difficulty: 'beginner', estimatedMinutes: 20 },
  { id: 'b', title: 'Probe trouble', summary: 'pods never ready', failureType: 'Running 0/1', difficulty: 'intermediate', estimatedMinutes: 25 },
  { id: 'c', title: 'Rotated secret', summary: 'a key went missing', failureType: 'CreateContainerConfigError', difficulty: 'intermediate', estimatedMinutes: 20 },
];
const progress = new Map([
  ['a', { status: 'resolved' as const, score: 84 }],
  ['b', { status: 'in-progress' as const }],
]);

describe('the picker', () => {
  it('filters by failure type, difficulty, progress and words, together', () => {
    const ids = (f: Partial<typeof NO_FILTER>) => filterCatalog(entries, progress, { ...NO_FILTER, ...f }).map((e) => e.id);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ difficulty: 'intermediate' })).toEqual(['b', 'c']);
    expect(ids({ progress: 'new' })).toEqual(['c']);
    expect(ids({ progress: 'resolved' })).toEqual(['a']);
    expect(ids({ failureType: 'Running 0/1' })).toEqual(['b']);
    expect(ids({ text: 'KEY  missing' })).toEqual(['c']);
    expect(ids({ difficulty: 'intermediate', progress: 'in-progress', text: 'ready' })).toEqual(['b']);
    expect(ids({ difficulty: 'advanced' })).toEqual([]);
  });

  it('lists the easiest first, keeping the catalog order within a difficulty', () => {
    const mixed = [{ ...entries[1]!, id: 'i1' }, { ...entries[0]!, id: 'b1', difficulty: 'advanced' }, { ...entries[0]!, id: 'b2' }, { ...entries[2]!, id: 'i2' }];
    expect(filterCatalog(mixed, new Map(), NO_FILTER).map((e) => e.id)).toEqual(['b2', 'i1', 'i2', 'b1']);
  });

  it('says where the learner is, with a grade once the incident is closed', () => {
    expect(progressLabel(undefined)).toBe('Not started');
    expect(progressLabel(progress.get('b'))).toBe('In progress');
    expect(progressLabel({ status: 'resolved' })).toBe('Resolved');
    expect(progressLabel(progress.get('a'))).toBe('Resolved · grade B, 84/100');
    expect(progressLabel({ status: 'resolved', score: 100 })).toBe('Resolved · grade A, 100/100');
  });

  it('offers each failure type once, in catalog order', () => {
    expect(failureTypes([...entries, { ...entries[0]!, id: 'd' }])).toEqual(['CrashLoopBackOff', 'Running 0/1', 'CreateContainerConfigError']);
  });
});
