/**
 * `kubectl events -w`: every current Event as the watch's ADDED rows (storage order, header once),
 * each row its own tabwriter flush with remembered widths, then new and updated Events as they
 * are written. The format was checked against kubectl 1.32 streaming a watch from a stub server.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import { advanceFollowing } from '../../../../src/kubectl/follow';
import { ARRIVAL, NS, taskflowSpec } from '../../cluster/fixtures';

const world = () => {
  const cluster = createCluster(taskflowSpec(), ARRIVAL);
  return { cluster, run: (line: string) => runLine(line, { cluster, namespace: NS, history: [] }) };
};

describe('kubectl events -w', () => {
  it('prints every current event in storage order with one header, then follows new ones', () => {
    const { cluster, run } = world();
    const r = run('kubectl events -w');
    expect(r.exitCode).toBe(0);
    expect(r.follow).toBeDefined();
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(lines.filter((l) => l.startsWith('LAST SEEN'))).toHaveLength(1);
    // One row per Event, ordered by name (the API server's storage order), not by time.
    const names = cluster.list('Event', NS).map((e) => e.involvedObject.name);
    expect(lines.slice(1).map((l) => l.split(/\s{3,}/)[3]!.split('/')[1])).toEqual(names);
    // Widths only grow: a row printed after a wide one keeps the wide column.
    const firstCol = lines.slice(1).map((l) => l.search(/Normal|Warning/));
    for (let i = 1; i < firstCol.length; i++) expect(firstCol[i]).toBeGreaterThanOrEqual(firstCol[i - 1]!);
    // Six minutes later the crash loop has written its events again: they arrive as rows.
    let more = '';
    advanceFollowing(cluster, r.follow, cluster.now() + 360_000, (u) => (more += u.stdout));
    expect(more).not.toContain('LAST SEEN');
    expect(more).toMatch(/Warning\s+BackOff\s+Pod\/api-service-\S+\s+Back-off restarting failed container/);
    expect(more).toMatch(/Normal\s+Started\s+Pod\/api-service-/);
    r.follow!.stop();
  });

  it('honours --types, -A and --no-headers, and refuses an output format it does not simulate', () => {
    const { run } = world();
    const warnings = run('kubectl events -w --types=Warning');
    expect(warnings.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('LAST SEEN')).every((l) => /\bWarning\b/.test(l))).toBe(true);
    expect(run('kubectl events -w -A').stdout).toMatch(/^NAMESPACE\s+LAST SEEN/);
    expect(run('kubectl events -w --no-headers').stdout).not.toContain('LAST SEEN');
    const yaml = run('kubectl events -w -o yaml');
    expect(yaml.exitCode).toBe(1);
    expect(yaml.stderr).toContain('not simulated in Firedrill');
  });
});
