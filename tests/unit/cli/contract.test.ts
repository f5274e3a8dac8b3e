/**
 * The CLI's scripting contract (issue 3):
 *   npm run -s play -- --scenario ID [--clock RFC3339] [--exec "CMD"] [--advance SECONDS] ... [--dump-world FILE]
 * Most cases run the CLI in-process through its exported `main`; a few spawn the real command to
 * prove the entry point, the exit status and byte-identical output across runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, parseRfc3339 } from '../../../src/cli';
import { ALL_KINDS } from '../../../src/cluster/cluster';
import { createCluster, listAll } from '../../../src/cluster/index';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import { runLine } from '../../../src/kubectl/index';

const ID = 'taskflow-crashloop';
const CLOCK = '2026-11-24T15:40:00Z';
const CLOCK_MS = Date.UTC(2026, 10, 24, 15, 40, 0);
const NS = 'taskflow-demo';
const world = loadScenarioFile(scenarioPath(ID)).world;

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], input: string[] = []): Promise<Run> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(args, { stdout, stderr, stdin: Readable.from(input), isTTY: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The real command, as a script would run it. */
function spawnCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The same lines run straight through the pure layers, for comparison. */
function direct(steps: ({ exec: string } | { advance: number })[]): string {
  const cluster = createCluster(world, CLOCK_MS);
  const history: string[] = [];
  let namespace = world.contextNamespace;
  let out = '';
  for (const s of steps) {
    if ('advance' in s) cluster.advanceBy(s.advance * 1000);
    else {
      history.push(s.exec);
      const r = runLine(s.exec, { cluster, namespace, history });
      r.follow?.stop();
      if (r.namespace !== undefined) namespace = r.namespace;
      out += r.stdout;
    }
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'firedrill-cli-'));

describe('npm run play: --exec, --clock, --advance in order', () => {
  it('--clock fixes the instant the first command sees, in any RFC 3339 zone', async () => {
    expect(await cli(['--scenario', ID, '--clock', CLOCK, '--exec', 'date'])).toEqual({ code: 0, stdout: 'Tue Nov 24 15:40:00 UTC 2026\n', stderr: '' });
    const offset = await cli(['--scenario', ID, '--clock', '2026-11-24T17:40:00.250+02:00', '--exec', 'date']);
    expect(offset.stdout).toBe('Tue Nov 24 15:40:00 UTC 2026\n');
  });

  it('acts on the flags in the order given: each --exec sees the --advance before it', async () => {
    const r = await cli(['--scenario', ID, '--clock', CLOCK, '--exec', 'date', '--advance', '90', '--exec', 'date', '--advance', '0.5', '--advance', '3600', '--exec', 'date']);
    expect(r.stdout).toBe('Tue Nov 24 15:40:00 UTC 2026\nTue Nov 24 15:41:30 UTC 2026\nTue Nov 24 16:41:30 UTC 2026\n');
  });

  it('prints each command\'s output alone: no prompt, no echo, no colour', async () => {
    const steps: ({ exec: string } | { advance: number })[] = [
      { exec: `kubectl get pods -n ${NS}` },
      { advance: 600 },
      { exec: `kubectl get pods -n ${NS}` },
      { exec: `kubectl config set-context --current --namespace ${NS}` },
      { exec: 'kubectl describe deployment api-service' },
      { exec: 'kubectl rollout history deployment/api-service | tail -n 3' },
    ];
    const args = ['--scenario', ID, '--clock', CLOCK];
    for (const s of steps) args.push(...('exec' in s ? ['--exec', s.exec] : ['--advance', String(s.advance)]));
    const r = await cli(args);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(direct(steps));
    expect(r.stdout.startsWith('NAME ')).toBe(true);
    expect(r.stdout).not.toContain('$ ');
    expect(r.stdout).not.toContain('\x1b');
    // Ten minutes later the crash-looping pods have restarted more often.
    const restarts = [...r.stdout.matchAll(/^api-service-\S+ +0\/1 +\S+ +(\d+) /gm)].map((m) => Number(m[1]));
    expect(restarts).toHaveLength(4);
    expect(restarts[2]!).toBeGreaterThan(restarts[0]!);
  });

  it('`watch` and `clear` print no screen-control sequences when not on a terminal', async () => {
    const r = await cli(['--scenario', ID, '--clock', CLOCK, '--exec', `watch kubectl get deploy -n ${NS}`, '--advance', '4', '--exec', 'clear']);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout.match(/^Every 2\.0s: kubectl get deploy -n taskfl.*firedrill: Tue Nov 24 15:40:0[024] 2026$/gm)).toHaveLength(3);
  });

  it('exits with the status of the last command', async () => {
    const r = await cli(['--scenario', ID, '--clock', CLOCK, '--exec', 'date', '--exec', 'kubectl get pods --bogus']);
    expect(r).toEqual({ code: 1, stdout: 'Tue Nov 24 15:40:00 UTC 2026\n', stderr: "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n" });
    expect((await cli(['--scenario', ID, '--exec', 'nosuchcommand'])).code).toBe(127);
  });
});

describe('npm run play: --dump-world', () => {
  it('writes a v1 List of every object plus every container\'s current and previous log', async () => {
    const file = join(tmp, 'world.json');
    const r = await cli(['--scenario', ID, '--clock', CLOCK, '--advance', '120', '--dump-world', file, '--exec', '']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const dump = JSON.parse(readFileSync(file, 'utf8')) as { apiVersion: string; kind: string; items: { kind: string; metadata: { namespace?: string; name: string } }[]; logs: Record<string, string> };
    expect(dump.apiVersion).toBe('v1');
    expect(dump.kind).toBe('List');

    const cluster = createCluster(world, CLOCK_MS);
    cluster.advanceBy(120_000);
    const expected = listAll(cluster);
    expect(dump.items).toHaveLength(expected.length);
    expect(JSON.stringify(dump.items)).toBe(JSON.stringify(expected));
    const kinds = new Set(dump.items.map((o) => o.kind));
    for (const k of ['Namespace', 'Node', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'EndpointSlice', 'Event', 'Secret', 'ConfigMap']) expect(kinds).toContain(k);
    expect([...kinds].every((k) => (ALL_KINDS as readonly string[]).includes(k))).toBe(true);

    const keys = Object.keys(dump.logs);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+\/(current|previous)$/);
    for (const pod of cluster.list('Pod')) {
      const ns = pod.metadata!.namespace!;
      const name = pod.metadata!.name!;
      for (const c of pod.spec!.containers) {
        const cur = cluster.logs(ns, name, c.name, false);
        expect(dump.logs[`${ns}/${name}/${c.name}/current`]).toBe(cur.ok ? cur.text : undefined);
        const prev = cluster.logs(ns, name, c.name, true);
        expect(dump.logs[`${ns}/${name}/${c.name}/previous`]).toBe(prev.ok ? prev.text : undefined);
      }
    }
    // The crash-looping API pods have a previous run to show.
    expect(keys.some((k) => /^taskflow-demo\/api-service-[^/]+\/api-service\/previous$/.test(k))).toBe(true);
  });

  it('dumps the world as it stands at that point of the arguments', async () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    await cli(['--scenario', ID, '--clock', CLOCK, '--dump-world', a, '--exec', `kubectl rollout undo deployment/api-service -n ${NS}`, '--advance', '300', '--dump-world', b]);
    const images = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { items: { kind: string; metadata: { name: string }; spec?: { template?: { spec?: { containers?: { image: string }[] } } } }[] }).items
        .filter((o) => o.kind === 'Deployment' && o.metadata.name === 'api-service')
        .map((o) => o.spec?.template?.spec?.containers?.[0]?.image);
    expect(images(a)).toEqual(['registry.example/taskflow/api-service:2.4.0']);
    expect(images(b)).toEqual(['registry.example/taskflow/api-service:2.3.1']);
  });

  it('says so, with a non-zero status, when the file cannot be written', async () => {
    const r = await cli(['--scenario', ID, '--clock', CLOCK, '--dump-world', join(tmp, 'no/such/dir/w.json'), '--exec', 'date']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: --dump-world: cannot write ${join(tmp, 'no/such/dir/w.json')} (ENOENT)\n`);
  });
});

describe('npm run play: bad arguments', () => {
  const usage = /\nusage: npm run -s play -- --scenario ID /;
  it.each([
    [['--scenario', 'nope', '--exec', 'date'], /^error: no scenario "nope" \(known: [^)]*taskflow-crashloop[^)]*\)\n$/],
    [['--scenario', ID, '--bogus'], /^error: unknown argument "--bogus"\n/],
    [['--exec', 'date'], /^error: --scenario is required\n/],
    [['--scenario', ID, '--exec'], /^error: --exec needs a value\n/],
    [['--scenario', ID, '--clock', 'tomorrow'], /^error: --clock wants an RFC 3339 time such as 2026-11-24T15:40:00Z, got "tomorrow"\n/],
    [['--scenario', ID, '--clock', '2026-02-30T15:40:00Z'], /^error: --clock wants an RFC 3339 time/],
    // No zone: local time would make the output depend on the machine.
    [['--scenario', ID, '--clock', '2026-11-24T15:40:00'], /^error: --clock wants an RFC 3339 time/],
    [['--scenario', ID, '--exec', 'date', '--clock', CLOCK], /^error: --clock must come before --exec, --advance and --dump-world\n/],
    [['--scenario', ID, '--clock', CLOCK, '--clock', CLOCK], /^error: --clock given more than once\n/],
    [['--scenario', ID, '--advance', '-5'], /^error: --advance wants a number of seconds \(0 or more\), got "-5"\n/],
    [['--scenario', ID, '--advance', '1e3'], /^error: --advance wants a number of seconds/],
  ])('%j is refused with a clear message and status 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    if (!args.includes('nope')) expect(r.stderr).toMatch(usage);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run -s play -- --scenario ID \[--clock RFC3339\] \[--exec "CMD"\] \[--advance SECONDS\] \.\.\. \[--dump-world FILE\]\n/);
  });

  it('reads RFC 3339 strictly', () => {
    expect(parseRfc3339('2026-11-24T15:40:00Z')).toBe(CLOCK_MS);
    expect(parseRfc3339('2026-11-24t15:40:00z')).toBe(CLOCK_MS);
    expect(parseRfc3339('2026-11-24T16:40:00+01:00')).toBe(CLOCK_MS);
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of ['2025-02-29T00:00:00Z', '2026-11-24 15:40:00Z', '2026-11-24T24:00:00Z', '2026-11-24T15:40Z', '2026-11-24T15:40:00+0100', '1764000000']) {
      expect(parseRfc3339(bad), bad).toBeNaN();
    }
  });
});

describe('npm run play: interactive', () => {
  it('with no --exec, reads lines from stdin, prompting with the namespace, until the input ends', async () => {
    const r = await cli(['--scenario', ID], ['kubectl config set-context --current --namespace taskflow-demo\n', 'kubectl get deploy\n', 'kubectl get nope\n']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\(default\) \$ Context "firedrill" modified\.\n\(taskflow-demo\) \$ NAME +READY +UP-TO-DATE +AVAILABLE +AGE\napi-service +0\/2 /);
    expect(r.stdout).toMatch(/\nworker +1\/1 +1 +1 +\S+\n\(taskflow-demo\) \$ \(taskflow-demo\) \$ \n$/);
    expect(r.stderr).toBe('error: the server doesn\'t have a resource type "nope"\n');
  });

  it('stops at `exit`', async () => {
    const r = await cli(['--scenario', ID, '--clock', CLOCK], ['exit\n', 'date\n']);
    expect(r.stdout).toBe('(default) $ \n');
  });
});

describe('npm run play as a process', () => {
  it('gives the same bytes for the same arguments (stdout and dump), and exits 2 with one line for an unknown scenario', async () => {
    const args = (file: string) => [
      '--scenario', ID, '--clock', CLOCK,
      '--exec', `kubectl get pods -n ${NS}`,
      '--advance', '300',
      '--exec', `kubectl describe pods -n ${NS} | head -n 40`,
      '--exec', `kubectl events -n ${NS}`,
      '--dump-world', file,
    ];
    const [one, bad] = await Promise.all([spawnCli(args(join(tmp, '1.json'))), spawnCli(['--scenario', 'nope', '--exec', 'date'])]);
    expect(one.code).toBe(0);
    expect(one.stderr).toBe('');
    expect(one.stdout.length).toBeGreaterThan(1000);
    const dump = readFileSync(join(tmp, '1.json'), 'utf8');
    for (const file of ['2.json', '3.json']) {
      expect((await cli(args(join(tmp, file)))).stdout).toBe(one.stdout);
      expect(readFileSync(join(tmp, file), 'utf8')).toBe(dump);
    }
    expect(bad).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^error: no scenario "nope" \(known: [^)\n]+\)\n$/) as unknown });
  }, 60_000);
});
