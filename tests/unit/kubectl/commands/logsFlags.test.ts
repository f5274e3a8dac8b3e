import { describe, expect, it } from 'vitest';
import { parseRFC3339 } from '../../../../src/kubectl/commands/logs';
import { parseGoDuration } from '../../../../src/kubectl/goDuration';
import { ARRIVAL, NS, shell } from './helpers';

function apiPods(sh: ReturnType<typeof shell>): string[] {
  return sh.cluster.list('Pod', NS).map((p) => p.metadata!.name!).filter((n) => n.startsWith('api-service-'));
}

describe('kubectl logs flags', () => {
  it('prefixes each line with the kubelet timestamp (9 fraction digits, UTC) with --timestamps', () => {
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    const plain = sh.run(`kubectl logs ${pod} -p`).stdout.split('\n').filter(Boolean);
    const stamped = sh.run(`kubectl logs ${pod} -p --timestamps`).stdout.split('\n').filter(Boolean);
    expect(stamped).toHaveLength(plain.length);
    stamped.forEach((line, i) => {
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}000000Z /);
      expect(line.slice(31)).toBe(plain[i]);
    });
    // Same world, same line: same bytes.
    expect(shell(NS).run(`kubectl logs ${pod} -p --timestamps`).stdout).toBe(stamped.join('\n') + '\n');
  });

  it('keeps only recent lines with --since and --since-time', () => {
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    const all = sh.run(`kubectl logs ${pod} -p --timestamps`).stdout;
    expect(all).not.toBe('');
    // The previous run crashed minutes ago: nothing in the last second, everything in the last hour.
    expect(sh.run(`kubectl logs ${pod} -p --since=1s`).stdout).toBe('');
    expect(sh.run(`kubectl logs ${pod} -p --since=1h --timestamps`).stdout).toBe(all);
    const lines = all.split('\n').filter(Boolean);
    const secondAt = lines[1]!.slice(0, 30);
    expect(sh.run(`kubectl logs ${pod} -p --timestamps --since-time=${secondAt}`).stdout).toBe(lines.slice(1).join('\n') + '\n');
    expect(sh.run(`kubectl logs ${pod} --since=1m --since-time=${new Date(ARRIVAL).toISOString()}`).stderr).toBe(
      'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n',
    );
  });

  it('cuts the output at --limit-bytes and prefixes lines with --prefix', () => {
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    const all = sh.run(`kubectl logs ${pod} -p`).stdout;
    expect(sh.run(`kubectl logs ${pod} -p --limit-bytes=12`).stdout).toBe(all.slice(0, 12));
    const pre = sh.run(`kubectl logs ${pod} -p --prefix`).stdout;
    expect(pre).toBe(all.split('\n').filter(Boolean).map((l) => `[pod/${pod}/api-service] ${l}\n`).join(''));
  });

  it('reads every matching pod with -l (10 lines each by default) and every pod with --all-pods', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl logs -l app=api-service --prefix');
    for (const pod of apiPods(sh)) expect(r.stdout).toContain(`[pod/${pod}/api-service] `);
    const all = sh.run('kubectl logs deploy/api-service --all-pods --tail=1');
    expect(all.stderr).toBe('');
    expect(all.stdout.split('\n').filter(Boolean).map((l) => /^\[pod\/(\S+)\/api-service\]/.exec(l)![1]).sort()).toEqual(apiPods(sh).sort());
    expect(sh.run('kubectl logs -l app=api-service -f --max-log-requests=1').stderr).toBe(
      'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n',
    );
  });

  it('answers bad flag values with kubectl\'s and Go\'s wording', () => {
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    expect(sh.run(`kubectl logs ${pod} --since=5`).stderr).toBe(
      `Error: invalid argument "5" for "--since" flag: time: missing unit in duration "5"\nSee 'kubectl logs --help' for usage.\n`,
    );
    expect(sh.run(`kubectl logs ${pod} --since-time=2026-11-24`).stderr).toBe(
      'error: parsing time "2026-11-24" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"\n',
    );
    expect(sh.run(`kubectl logs ${pod} --all-containers -c api-service`).stderr).toBe(
      'error: --all-containers=true should not be specified with container name api-service\n',
    );
    expect(sh.run(`kubectl logs ${pod} --limit-bytes=-3`).stderr).toBe('error: --limit-bytes must be greater than 0\n');
  });

  it('parses durations and times as Go does', () => {
    expect(parseGoDuration('1h30m')).toEqual({ ok: true, ms: 5_400_000 });
    expect(parseGoDuration('1.5s')).toEqual({ ok: true, ms: 1500 });
    expect(parseGoDuration('0')).toEqual({ ok: true, ms: 0 });
    expect(parseGoDuration('abc')).toEqual({ ok: false, error: 'time: invalid duration "abc"' });
    expect(parseGoDuration('3d')).toEqual({ ok: false, error: 'time: unknown unit "d" in duration "3d"' });
    expect(parseRFC3339('2026-11-24T15:40:00.5+01:00')).toEqual({ ok: true, ms: Date.UTC(2026, 10, 24, 14, 40, 0, 500) });
    expect(parseRFC3339('2026-02-30T00:00:00Z')).toEqual({ ok: false, error: 'parsing time "2026-02-30T00:00:00Z": day out of range' });
    expect(parseRFC3339('2026-11-24T15:40:00Zjunk')).toEqual({ ok: false, error: 'parsing time "2026-11-24T15:40:00Zjunk": extra text: "junk"' });
  });
});

describe('kubectl logs -f with --timestamps --prefix', () => {
  it('formats the followed lines like the first ones', async () => {
    const { advanceFollowing } = await import('../../../../src/kubectl/follow');
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    while (sh.cluster.get('Pod', NS, pod)?.status?.containerStatuses?.[0]?.state?.running === undefined) sh.cluster.advanceBy(1000);
    const first = sh.run(`kubectl logs -f ${pod} --timestamps --prefix`);
    let more = '';
    advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + 60_000, (u) => (more += u.stdout));
    first.follow?.stop();
    expect(more).toMatch(/NOTIFICATIONS_QUEUE_URL is required/);
    expect(first.stdout + more).toBe(sh.run(`kubectl logs ${pod} --timestamps --prefix`).stdout);
    for (const line of (first.stdout + more).split('\n').filter(Boolean)) expect(line).toMatch(new RegExp(`^\\[pod/${pod}/api-service\\] \\d{4}-\\S+000000Z `));
  });
});
