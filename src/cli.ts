/**
 * Firedrill in a Node terminal, for scenario authors, tests and conformance runs:
 *
 *   npm run -s play -- --scenario ID [--clock RFC3339] [--exec "CMD"] [--advance SECONDS] ... [--dump-world FILE]
 *
 * Flags act in the order given. Each --exec prints that command's output alone (no prompt, no
 * colour), so the same arguments always give the same bytes. The exit status is the last
 * command's. Without --exec, an interactive prompt (screen-control sequences only on a terminal).
 *
 * A following command (`kubectl get -w`, `kubectl logs -f`, `watch`) keeps running across the
 * --advance steps after it, printing what arrives at its poll times (each `watch` refresh as a
 * whole frame), and is stopped as by Ctrl-C at the next --exec or at the end of the arguments.
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { type ClusterControl, type ClusterView, createCluster, listAll } from './cluster/index';
import type { WorldSpec } from './cluster/spec';
import { loadExplainSchema, runLine } from './kubectl/index';
import type { Follower, FollowUpdate } from './kubectl/api';
import { advanceFollowing } from './kubectl/follow';
import { loadScenarioFile, scenarioIds, scenarioPath } from './incident/node';
import { loadYamlParser } from './kubectl/manifest/yamlParser';
import { EDIT_NEEDS_EDITOR, editInTerminal } from './cliEditor';

const USAGE = `usage: npm run -s play -- --scenario ID [--clock RFC3339] [--exec "CMD"] [--advance SECONDS] ... [--dump-world FILE]
  --scenario ID       the scenario in scenarios/ID/scenario.yaml (required, first)
  --clock RFC3339     the sim time when the first command runs, e.g. 2026-11-24T15:40:00Z
                      (default: now); before any --exec/--advance/--dump-world
  --exec "CMD"        run one line (kubectl ..., or a shell builtin); repeatable
  --advance SECONDS   move the sim clock forward; repeatable (a following command such as
                      kubectl get -w prints what arrives meanwhile; the next --exec stops it)
  --dump-world FILE   write every object (a v1 List) and every container log ("logs") as JSON
With no --exec, an interactive prompt starts.`;


type Step =
  | { kind: 'clock'; ms: number }
  | { kind: 'exec'; line: string }
  | { kind: 'advance'; ms: number }
  | { kind: 'dump'; file: string };

class UsageError extends Error {}

/** Where the CLI reads and writes: the process's streams, or a test's. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** Whether stdout is a terminal: screen-control sequences (`clear`, `watch`) only go to one. */
  isTTY: boolean;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/;

/** An RFC 3339 timestamp (with its zone, real calendar date and time) in epoch ms, or NaN. */
export function parseRfc3339(v: string): number {
  const m = RFC3339.exec(v);
  if (m === null) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return NaN;
  if (h > 23 || mi > 59 || s > 60) return NaN;
  const zone = m[8]!;
  if (zone.length === 6 && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return NaN;
  return Date.parse(v.toUpperCase());
}

function parseArgs(argv: readonly string[]): { scenario: string; steps: Step[] } {
  let scenario: string | undefined;
  const steps: Step[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`error: ${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--scenario':
        scenario = value();
        break;
      case '--clock': {
        const v = value();
        const ms = parseRfc3339(v);
        if (Number.isNaN(ms)) throw new UsageError(`error: --clock wants an RFC 3339 time such as 2026-11-24T15:40:00Z, got "${v}"`);
        if (steps.some((s) => s.kind !== 'clock')) throw new UsageError('error: --clock must come before --exec, --advance and --dump-world');
        if (steps.length > 0) throw new UsageError('error: --clock given more than once');
        steps.push({ kind: 'clock', ms });
        break;
      }
      case '--exec':
        steps.push({ kind: 'exec', line: value() });
        break;
      case '--advance': {
        const v = value();
        if (!/^\d+(\.\d+)?$/.test(v)) throw new UsageError(`error: --advance wants a number of seconds (0 or more), got "${v}"`);
        steps.push({ kind: 'advance', ms: Math.round(Number(v) * 1000) });
        break;
      }
      case '--dump-world':
        steps.push({ kind: 'dump', file: value() });
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`error: unknown argument "${a}"`);
    }
  }
  if (scenario === undefined) throw new UsageError('error: --scenario is required');
  return { scenario, steps };
}

function knownScenarios(): string[] {
  return scenarioIds();
}

/** The world of scenario `id`, validated like the build validates it. */
function loadWorld(id: string): WorldSpec {
  return loadScenarioFile(scenarioPath(id)).world;
}

/**
 * Every object as a v1 List, plus each container's current and previous log where one exists
 * (exported for the determinism tests, which compare a saved-and-restored world with this).
 */
export function dumpWorld(cluster: ClusterView): string {
  const logs: Record<string, string> = {};
  for (const pod of cluster.list('Pod')) {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    for (const c of containers) {
      for (const previous of [false, true]) {
        const r = cluster.logs(ns, name, c.name, previous);
        if (r.ok) logs[`${ns}/${name}/${c.name}/${previous ? 'previous' : 'current'}`] = r.text;
      }
    }
  }
  const list = { apiVersion: 'v1', kind: 'List', items: listAll(cluster), metadata: { resourceVersion: '' }, logs };
  return `${JSON.stringify(list, null, 2)}\n`;
}

async function repl(cluster: ClusterControl, namespace: string, files: Readonly<Record<string, string>> | undefined, io: CliIO): Promise<void> {
  const history: string[] = [];
  let ns = namespace;
  // The sim clock follows wall time while someone is typing, as in the browser.
  const startWall = Date.now();
  const startSim = cluster.now();
  const out = io.stdout;
  const rl = createInterface({ input: io.stdin, output: io.isTTY ? out : undefined, terminal: io.isTTY, prompt: `(${ns}) $ ` });
  // Without a terminal readline does not print the prompt; print it ourselves (no colour either way).
  const prompt = (): void => {
    if (io.isTTY) rl.prompt();
    else out.write(`(${ns}) $ `);
  };
  const screen = (frame: string): void => {
    out.write(io.isTTY ? `\x1b[2J\x1b[H${frame}` : frame);
  };
  let following: { follower: Follower; timer: ReturnType<typeof setInterval> } | undefined;
  const endFollow = (interrupted: boolean): void => {
    if (following === undefined) return;
    clearInterval(following.timer);
    following.follower.stop();
    following = undefined;
    if (interrupted) out.write('^C\n');
    prompt();
  };
  rl.on('SIGINT', () => {
    if (following !== undefined) endFollow(true);
    else {
      out.write('^C\n');
      prompt();
    }
  });
  prompt();
  for await (const line of rl) {
    if (following !== undefined) continue;
    cluster.advanceTo(startSim + (Date.now() - startWall));
    if (line.trim() === 'exit') break;
    if (line.trim() !== '') history.push(line);
    const r = runLine(line, { cluster, namespace: ns, history, ...(files !== undefined ? { files } : {}) });
    if (r.clear === true && io.isTTY) out.write('\x1b[2J\x1b[H');
    if (r.screen !== undefined) screen(r.screen);
    if (r.stderrFirst === true) io.stderr.write(r.stderr);
    out.write(r.stdout);
    if (r.stderrFirst !== true) io.stderr.write(r.stderr);
    if (r.namespace !== undefined) ns = r.namespace;
    rl.setPrompt(`(${ns}) $ `);
    if (r.edit !== undefined) {
      rl.pause();
      editInTerminal(r.edit, (out) => {
        io.stdout.write(out.stdout);
        io.stderr.write(out.stderr);
      });
      rl.resume();
    }
    if (r.follow !== undefined) {
      const follower = r.follow;
      const timer = setInterval(() => {
        const running = advanceFollowing(cluster, follower, startSim + (Date.now() - startWall), (u) => {
          if (u.screen !== undefined) screen(u.screen);
          out.write(u.stdout);
          io.stderr.write(u.stderr);
        });
        if (!running) endFollow(false);
      }, 250);
      following = { follower, timer };
      continue;
    }
    prompt();
  }
  endFollow(false);
  rl.close();
  if (!io.isTTY) out.write('\n');
}

/** Runs the CLI with `argv` (the arguments after the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message === '') io.stdout.write(`${USAGE}\n`);
    else io.stderr.write(`${e.message}\n${USAGE}\n`);
    return e.message === '' ? 0 : 2;
  }
  const known = knownScenarios();
  if (!known.includes(args.scenario)) {
    io.stderr.write(`error: no scenario "${args.scenario}" (known: ${known.join(', ')})\n`);
    return 2;
  }
  await loadExplainSchema();
  const world = loadWorld(args.scenario);
  await loadYamlParser();
  const clock = args.steps.find((s) => s.kind === 'clock');
  const cluster = createCluster(world, clock?.kind === 'clock' ? clock.ms : Date.now());
  let namespace = world.contextNamespace;
  const history: string[] = [];
  let exitCode = 0;
  let execs = 0;
  let follower: Follower | undefined;
  const print = (u: FollowUpdate): void => {
    io.stdout.write((u.screen ?? '') + u.stdout);
    io.stderr.write(u.stderr);
    if (u.done === true && u.exitCode !== undefined) exitCode = u.exitCode;
  };
  for (const step of args.steps) {
    if (step.kind === 'exec') {
      follower?.stop();
      execs++;
      if (step.line.trim() !== '') history.push(step.line);
      const r = runLine(step.line, { cluster, namespace, history, ...(world.files !== undefined ? { files: world.files } : {}) });
      if (r.stderrFirst === true) io.stderr.write(r.stderr);
      io.stdout.write((r.screen ?? '') + r.stdout);
      if (r.stderrFirst !== true) io.stderr.write(r.stderr);
      if (r.namespace !== undefined) namespace = r.namespace;
      exitCode = r.exitCode;
      if (r.edit !== undefined) {
        io.stderr.write(EDIT_NEEDS_EDITOR);
        exitCode = 1;
      }
      follower = r.follow;
    } else if (step.kind === 'advance') {
      if (!advanceFollowing(cluster, follower, cluster.now() + step.ms, print)) follower = undefined;
    } else if (step.kind === 'dump') {
      try {
        writeFileSync(step.file, dumpWorld(cluster));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        io.stderr.write(`error: --dump-world: cannot write ${step.file}${code !== undefined ? ` (${code})` : ''}\n`);
        return 1;
      }
    }
  }
  follower?.stop();
  if (execs === 0) await repl(cluster, namespace, world.files, io);
  return exitCode;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, isTTY: process.stdout.isTTY === true }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
