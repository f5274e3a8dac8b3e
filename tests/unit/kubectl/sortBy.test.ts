import { describe, expect, it } from 'vitest';
import { naturalLess, parseSortBy } from '../../../src/kubectl/sortBy';
import { NS, shell } from './commands/helpers';

describe('naturalLess (sortorder, as kubectl --sort-by compares strings)', () => {
  it('orders digit runs by value and digits before letters', () => {
    expect(naturalLess('pod-2', 'pod-10')).toBe(true);
    expect(naturalLess('pod-10', 'pod-2')).toBe(false);
    expect(naturalLess('a1', 'ab')).toBe(true);
    expect(naturalLess('x01', 'x1')).toBe(false);
    expect(naturalLess('x1', 'x01')).toBe(true);
    expect(naturalLess('abc', 'abcd')).toBe(true);
    expect(naturalLess('same', 'same')).toBe(false);
  });

  it('compares digit runs of one length digit by digit (timestamps)', () => {
    expect(naturalLess('2026-11-17T15:40:07Z', '2026-11-17T15:40:10Z')).toBe(true);
    expect(naturalLess('2026-11-17T15:40:10Z', '2026-11-17T15:40:07Z')).toBe(false);
    expect(naturalLess('2026-11-17T15:39:59Z', '2026-11-17T15:40:00Z')).toBe(true);
    expect(naturalLess('v0129', 'v0130')).toBe(true);
    expect(naturalLess('v0130', 'v130')).toBe(false);
  });
});

describe('parseSortBy', () => {
  it('relaxes the path as kubectl does', () => {
    for (const p of ['.metadata.name', 'metadata.name', '{.metadata.name}']) {
      expect(parseSortBy(p)).toEqual({ ok: true, expr: '{.metadata.name}', steps: ['metadata', 'name'] });
    }
    expect(parseSortBy('.status.containerStatuses[0].restartCount')).toEqual({
      ok: true,
      expr: '{.status.containerStatuses[0].restartCount}',
      steps: ['status', 'containerStatuses', 0, 'restartCount'],
    });
  });
});

describe('kubectl get --sort-by', () => {
  it('sorts rows by a numeric field, numerically', () => {
    const sh = shell(NS);
    sh.cluster.advanceTo(sh.cluster.now() + 20 * 60_000);
    const names = sh.run('kubectl get pods --sort-by=.status.containerStatuses[0].restartCount -o name').stdout.split('\n').filter(Boolean);
    const restarts = names.map((n) => sh.cluster.get('Pod', NS, n.slice('pod/'.length))!.status!.containerStatuses![0]!.restartCount);
    expect(restarts).toEqual([...restarts].sort((a, b) => a - b));
    expect(restarts[restarts.length - 1]).toBeGreaterThan(restarts[0]!);
  });

  it('prints "No resources found" for a table it cannot sort, and the sorter error for -o name', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl get pods --sort-by=.spec.bogus')).toEqual({ stdout: '', stderr: `No resources found in ${NS} namespace.\n`, exitCode: 0 });
    const r = sh.run('kubectl get pods --sort-by=.spec.bogus -o name');
    expect(r.stderr).toBe('error: couldn\'t find any field with path "{.spec.bogus}" in the list of objects\n');
    expect(r.exitCode).toBe(1);
  });
});
