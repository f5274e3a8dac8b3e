import { describe, expect, it } from 'vitest';
import type { FollowUpdate, ShellResult } from '../../../../src/kubectl/api';
import { advanceFollowing } from '../../../../src/kubectl/follow';
import { TABLE_TABWRITER, tabwrite } from '../../../../src/kubectl/printers/goTabwriter';
import { ctimeUtc, gnuDateUtc } from '../../../../src/kubectl/shell/dates';
import { watchHeader } from '../../../../src/kubectl/shell/watch';
import { NS, type Shell, shell } from './helpers';

/** Runs `line`, lets `seconds` of sim time pass while it follows, and returns everything it printed. */
function follow(sh: Shell, line: string, seconds: number): { first: ShellResult; updates: FollowUpdate[]; text: string; running: boolean } {
  const first = sh.run(line);
  const updates: FollowUpdate[] = [];
  const running = advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + seconds * 1000, (u) => updates.push(u));
  first.follow?.stop();
  return { first, updates, text: updates.map((u) => u.stdout).join(''), running };
}

function apiPod(sh: Shell): string {
  return sh.run('kubectl get pods -o name').stdout.split('\n').find((l) => l.startsWith('pod/api-service-'))!.slice(4);
}

describe('tabwriter with remembered widths (kubectl get -w)', () => {
  it('lays out watch rows as kubectl 1.32 printed them from a stub server', () => {
    // Each watch event is its own flush; widths only grow. Bytes captured from real kubectl.
    const remembered: number[] = [];
    const opts = { ...TABLE_TABWRITER, remembered };
    let out = tabwrite('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\napi-7d9f-abcde\t1/1\tRunning\t0\t5m\nweb-1\t0/1\tPending\t0\t5m\n', opts);
    out += tabwrite('web-1\t0/1\tContainerCreating\t0\t5m\n', opts);
    out += tabwrite('web-1\t1/1\tRunning\t0\t5m\n', opts);
    out += tabwrite('a\t1/1\tTerminating\t12\t5m\n', opts);
    expect(out).toBe(
      'NAME             READY   STATUS    RESTARTS   AGE\n' +
        'api-7d9f-abcde   1/1     Running   0          5m\n' +
        'web-1            0/1     Pending   0          5m\n' +
        'web-1            0/1     ContainerCreating   0          5m\n' +
        'web-1            1/1     Running             0          5m\n' +
        'a                1/1     Terminating         12         5m\n',
    );
  });
});

describe('kubectl get -w', () => {
  it('prints the table once, then one row per change with no header, until stopped', () => {
    const sh = shell(NS);
    const first = sh.run('kubectl get pods -w');
    expect(first.stdout.split('\n')[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(first.follow).toBeDefined();
    sh.run('kubectl rollout undo deployment/api-service');
    const updates: FollowUpdate[] = [];
    advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + 30_000, (u) => updates.push(u));
    const rows = updates.map((u) => u.stdout).join('').split('\n').filter((l) => l !== '');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.some((r) => r.startsWith('NAME'))).toBe(false);
    // The old pods terminate, the new ones come up: the rows tell that story in order.
    expect(rows.some((r) => /Terminating/.test(r))).toBe(true);
    const newPod = rows.find((r) => /ContainerCreating/.test(r))!.split(' ')[0]!;
    const ready = rows.findIndex((r) => r.startsWith(`${newPod} `) && /1\/1 +Running/.test(r));
    expect(ready).toBeGreaterThan(rows.findIndex((r) => r.startsWith(`${newPod} `)));
    // Columns never shrink: after the ContainerCreating row, Running is padded to its width.
    const statusCol = (r: string) => r.indexOf(r.match(/ (Running|Terminating|ContainerCreating|CrashLoopBackOff)/)![1]!);
    const restartsCol = (r: string) => statusCol(r) + r.slice(statusCol(r)).search(/ \S/) + 1;
    expect(restartsCol(rows[rows.length - 1]!)).toBeGreaterThanOrEqual(restartsCol(rows.find((r) => /ContainerCreating/.test(r))!));
    // Stopped: nothing more.
    first.follow!.stop();
    expect(first.follow!.poll().stdout).toBe('');
  });

  it('--watch-only skips the table; the first change prints the header with it', () => {
    const sh = shell(NS);
    const first = sh.run('kubectl get deploy --watch-only');
    expect(first.stdout).toBe('');
    sh.run('kubectl rollout undo deployment/api-service');
    const updates: FollowUpdate[] = [];
    advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + 5_000, (u) => updates.push(u));
    const text = updates.map((u) => u.stdout).join('');
    expect(text.split('\n')[0]).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$/);
    expect(text.split('\n').filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(text).toMatch(/^api-service +\d\/2/m);
  });

  it('-o yaml separates every object after the first with ---, the list and the changes alike; -o name prints names', () => {
    // As kubectl 1.32 printed against a stub server streaming Pod watch events.
    const sh = shell(NS);
    const first = sh.run('kubectl get deploy -w -o yaml');
    expect(first.stdout.startsWith('apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect(first.stdout.split('\n---\n')).toHaveLength(3);
    sh.run('kubectl rollout undo deployment/api-service');
    let more = '';
    advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + 3_000, (u) => (more += u.stdout));
    expect(more.startsWith('---\napiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    const names = sh.run('kubectl get deploy -w -o name');
    expect(names.stdout).toBe('deployment.apps/api-service\ndeployment.apps/web-frontend\ndeployment.apps/worker\n');
  });

  it('a named object prints itself, then its changes', () => {
    const sh = shell(NS);
    const r = follow(sh, 'kubectl get deployment api-service -w', 0);
    expect(r.first.stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\napi-service /);
    expect(r.first.stdout.split('\n')).toHaveLength(3);
  });

  it("refuses what kubectl refuses, in kubectl's words", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl get pods,deploy -w')).toMatchObject({ stdout: '', stderr: 'error: you may only specify a single resource type\n', exitCode: 1 });
    const two = sh.run('kubectl get deploy api-service worker -w');
    expect(two.stdout).toMatch(/^NAME .*\napi-service .*\nworker /);
    expect(two.stderr).toBe('error: you may only watch a single resource or type of resource at a time\n');
    expect(two.follow).toBeUndefined();
    expect(sh.run('kubectl get deploy nope -w')).toMatchObject({ stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
  });

  it('in an empty namespace prints nothing at first (no "No resources found")', () => {
    const sh = shell('default');
    const r = sh.run('kubectl get pods -w');
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(r.follow).toBeDefined();
  });

  it('prints the same bytes however the clock is stepped (determinism)', () => {
    const a = shell(NS);
    const b = shell(NS);
    const fa = a.run('kubectl get pods -w');
    const fb = b.run('kubectl get pods -w');
    a.run('kubectl rollout undo deployment/api-service');
    b.run('kubectl rollout undo deployment/api-service');
    let ta = '';
    let tb = '';
    advanceFollowing(a.cluster, fa.follow, a.cluster.now() + 40_000, (u) => (ta += u.stdout));
    // b moves in uneven jumps, as a browser tab's timer would.
    for (const step of [300, 2_700, 1_100, 9_999, 5, 25_896]) advanceFollowing(b.cluster, fb.follow, b.cluster.now() + step, (u) => (tb += u.stdout));
    expect(b.cluster.now()).toBe(a.cluster.now());
    expect(tb).toBe(ta);
    expect(ta).not.toBe('');
  });
});

describe('kubectl logs -f', () => {
  it('prints new lines as a running container writes them and ends when it exits', () => {
    const sh = shell(NS);
    const pod = apiPod(sh);
    // Wait for the crash-looping container's next run.
    while (sh.cluster.get('Pod', NS, pod)?.status?.containerStatuses?.[0]?.state?.running === undefined) sh.cluster.advanceBy(1000);
    const r = follow(sh, `kubectl logs -f ${pod}`, 60);
    expect(r.first.stdout).toMatch(/starting\n$/);
    expect(r.text).toMatch(/NOTIFICATIONS_QUEUE_URL is required/);
    expect(r.updates.at(-1)).toMatchObject({ done: true, exitCode: 0 });
    expect(r.running).toBe(false);
    // Everything printed is exactly the run's log.
    expect(r.first.stdout + r.text).toBe(sh.run(`kubectl logs ${pod}`).stdout);
  });

  it('a container that is not running has nothing to follow: the log, then the prompt', () => {
    const sh = shell(NS);
    const pod = apiPod(sh);
    while (sh.cluster.get('Pod', NS, pod)?.status?.containerStatuses?.[0]?.state?.waiting === undefined) sh.cluster.advanceBy(1000);
    const r = sh.run(`kubectl logs -f ${pod}`);
    expect(r.follow).toBeUndefined();
    expect(r.stdout).toMatch(/NOTIFICATIONS_QUEUE_URL is required/);
  });
});

describe('kubectl rollout status (watches by default)', () => {
  it('prints the status at each change until the rollout is done, then returns', () => {
    const sh = shell(NS);
    sh.run('kubectl rollout undo deployment/api-service');
    const r = follow(sh, 'kubectl rollout status deployment/api-service', 60);
    expect(r.first.stdout).toMatch(/^Waiting for deployment "api-service" rollout to finish: /);
    const lines = (r.first.stdout + r.text).split('\n').filter((l) => l !== '');
    expect(lines.at(-1)).toBe('deployment "api-service" successfully rolled out');
    expect(lines.length).toBeGreaterThan(2);
    expect(r.updates.at(-1)).toMatchObject({ done: true, exitCode: 0 });
    expect(r.running).toBe(false);
  });

  it('--watch=false prints once; --timeout gives up with kubectl\'s error', () => {
    // The crash-looping rollout never finishes by itself.
    const sh = shell(NS);
    expect(sh.run('kubectl rollout status deployment/api-service --watch=false').follow).toBeUndefined();
    const r = follow(sh, 'kubectl rollout status deployment/api-service --timeout=1s', 30);
    expect(r.updates.at(-1)).toMatchObject({ stderr: 'error: timed out waiting for the condition\n', done: true, exitCode: 1 });
    expect(sh.run('kubectl rollout status deployment/api-service --timeout=soon').stderr).toBe(
      'Error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee \'kubectl rollout status --help\' for usage.\n',
    );
  });
});

describe('pipes after a following command', () => {
  it('grep passes matching rows as they arrive', () => {
    const sh = shell(NS);
    const first = sh.run('kubectl get pods -w | grep api-service');
    expect(first.stdout.split('\n').filter((l) => l !== '').every((l) => l.startsWith('api-service-'))).toBe(true);
    sh.run('kubectl rollout undo deployment/api-service');
    let text = '';
    advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + 20_000, (u) => (text += u.stdout));
    expect(text).not.toBe('');
    expect(text.split('\n').filter((l) => l !== '').every((l) => l.startsWith('api-service-'))).toBe(true);
  });

  it('grep -n numbers lines across the whole stream', () => {
    const sh = shell(NS);
    const first = sh.run('kubectl get pods -w | grep -n api-service');
    expect(first.stdout).toMatch(/^2:api-service-.*\n3:api-service-/);
    sh.run('kubectl rollout undo deployment/api-service');
    let text = '';
    advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + 1_000, (u) => (text += u.stdout));
    // After the 6 lines of the table, the first streamed rows are lines 7, 8...
    expect(text.split('\n')[0]).toMatch(/^7:api-service-/);
  });

  it('head ends the pipeline after its lines; wc waits for an end that Ctrl-C never brings', () => {
    const sh = shell(NS);
    const head = sh.run('kubectl get pods -w | head -n 2');
    expect(head.stdout.split('\n')).toHaveLength(3);
    expect(head.follow).toBeUndefined();
    const wc = sh.run('kubectl get pods -w | wc -l');
    expect(wc.stdout).toBe('');
    expect(wc.follow).toBeDefined();
    expect(sh.run('kubectl get pods -w | nope')).toMatchObject({ stderr: 'bash: nope: command not found\n', exitCode: 127 });
  });
});

describe('watch', () => {
  it('redraws the command under a procps header every interval of sim time', () => {
    const sh = shell(NS);
    const start = sh.cluster.now();
    const r = follow(sh, 'watch -n 5 kubectl get deploy', 12);
    const lines = r.first.screen!.split('\n');
    const right = `firedrill: ${ctimeUtc(start)}`;
    expect(lines[0]).toBe(`Every 5.0s: kubectl get deploy${' '.repeat(80 - 30 - right.length)}${right}`);
    expect(lines[0]).toHaveLength(80);
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^NAME +READY/);
    expect(r.first.stdout).toBe('');
    // Two refreshes in 12 s, at +5 s and +10 s.
    const frames = r.updates.filter((u) => u.screen !== undefined).map((u) => u.screen!.split('\n')[0]);
    expect(frames).toEqual([expect.stringContaining(ctimeUtc(start + 5000)), expect.stringContaining(ctimeUtc(start + 10_000))]);
  });

  it('runs a quoted pipeline inside; -t drops the header; bad options are refused', () => {
    const sh = shell(NS);
    expect(sh.run("watch -t 'kubectl get deploy | grep worker'").screen).toMatch(/^worker +1\/1/);
    expect(sh.run('watch -n x kubectl get pods')).toMatchObject({ stderr: "watch: failed to parse argument: 'x': Invalid argument\n", exitCode: 1 });
    expect(sh.run('watch -z date').stderr).toMatch(/^watch: invalid option -- 'z'\n\nUsage:\n watch \[options\] command\n/);
    expect(sh.run('watch --help').stdout).toMatch(/\n\nFor more details see watch\(1\)\.\n$/);
    expect(sh.run('watch').exitCode).toBe(1);
    expect(sh.run('watch -d -n 1 kubectl get deploy').screen).toMatch(/^Every 1\.0s: kubectl get deploy/);
  });

  it('-g exits when the output changes', () => {
    const sh = shell(NS);
    const first = sh.run('watch -g -n 1 kubectl get pods -n taskflow-demo');
    sh.run('kubectl rollout undo deployment/api-service');
    const updates: FollowUpdate[] = [];
    const running = advanceFollowing(sh.cluster, first.follow, sh.cluster.now() + 5_000, (u) => updates.push(u));
    expect(running).toBe(false);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ done: true, exitCode: 0 });
  });

  it('lays out the header at any width as procps-ng 4.0 does', () => {
    // Measured with procps-ng 4.0.2 `watch -n 5 'echo abcdefghij'` (host "vm", same-length date).
    const t = Date.UTC(2026, 10, 25, 5, 4, 36);
    const date = 'Wed Nov 25 05:04:36 2026';
    // Our host name is 7 characters longer than "vm": compare at widths 7 wider.
    expect(watchHeader(5, 'echo abcdefghij', t, 57 + 7)).toBe(`Every 5.0s: echo abcdefghij  firedrill: ${date}`);
    expect(watchHeader(5, 'echo abcdefghij', t, 56 + 7)).toBe(`Every 5.0s: echo abcdefghij firedrill: ${date}`);
    expect(watchHeader(5, 'echo abcdefghij', t, 55 + 7)).toBe(`Every 5.0s: echo abcde...  firedrill: ${date}`);
    expect(watchHeader(5, 'echo abcdefghij', t, 46 + 7)).toBe(`Every 5.0s: e...  firedrill: ${date}`);
    expect(watchHeader(5, 'echo abcdefghij', t, 43 + 7)).toBe(`Every 5.0s...  firedrill: ${date}`);
    expect(watchHeader(5, 'echo abcdefghij', t, 42 + 7)).toBe(`Every 5.0s:   firedrill: ${date}`);
    expect(watchHeader(5, 'echo abcdefghij', t, 41 + 7)).toBe(` firedrill: ${date}`.padStart(48));
  });

  it('dates are C ctime / GNU date in UTC', () => {
    const t = Date.UTC(2025, 10, 5, 4, 52, 11);
    expect(ctimeUtc(t)).toBe('Wed Nov  5 04:52:11 2025');
    expect(gnuDateUtc(t)).toBe('Wed Nov  5 04:52:11 UTC 2025');
  });
});

describe('advanceFollowing', () => {
  it('a follower that throws ends with a plain message instead of taking the terminal down', () => {
    const sh = shell(NS);
    let stopped = false;
    const updates: FollowUpdate[] = [];
    const running = advanceFollowing(
      sh.cluster,
      {
        nextAt: () => sh.cluster.now() + 1000,
        poll: () => {
          throw new Error('boom');
        },
        stop: () => {
          stopped = true;
        },
      },
      sh.cluster.now() + 5000,
      (u) => updates.push(u),
    );
    expect(running).toBe(false);
    expect(stopped).toBe(true);
    expect(updates).toEqual([{ stdout: '', stderr: 'firedrill: internal error: boom\n', done: true, exitCode: 1 }]);
  });
});

describe('head after a following command', () => {
  it('head -n -N waits for an end (it needs to know the last lines)', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl get pods -w | head -n -1');
    expect(r.stdout).toBe('');
    expect(r.follow).toBeDefined();
  });
});

describe('kubectl get -w with a template', () => {
  // Formats checked against kubectl 1.32 replaying a watch from a stub server.
  const build = (): Shell => shell(NS);

  it('-o jsonpath prints each object through the template, then each change', () => {
    const { cluster, run } = build();
    const r = run(`kubectl get pods -w -o jsonpath='{.metadata.name}{" "}{.status.containerStatuses[0].restartCount}{"\\n"}'`);
    expect(r.exitCode).toBe(0);
    const first = r.stdout.split('\n').filter((l) => l !== '');
    expect(first).toHaveLength(cluster.list('Pod', NS).length);
    expect(first.every((l) => /^\S+ \d+$/.test(l))).toBe(true);
    let more = '';
    advanceFollowing(cluster, r.follow, cluster.now() + 400_000, (u) => (more += u.stdout));
    r.follow!.stop();
    // The crash-looping pods restart in that time: their new counts arrive as lines.
    expect(more).toMatch(/^api-service-\S+ \d+$/m);
  });

  it('-o custom-columns prints the header once and keeps the columns as wide as before', () => {
    const { cluster, run } = build();
    const r = run('kubectl get pods -w -o custom-columns=NAME:.metadata.name,RESTARTS:.status.containerStatuses[0].restartCount');
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^NAME\s+RESTARTS$/);
    let more = '';
    advanceFollowing(cluster, r.follow, cluster.now() + 400_000, (u) => (more += u.stdout));
    r.follow!.stop();
    expect(more).not.toContain('NAME');
    const col = lines[1]!.search(/\d+$/);
    for (const l of more.split('\n').filter((x) => x !== '')) expect(l.search(/\d+$/)).toBe(col);
  });
});
