/**
 * Bad input, generated: thousands of random and mangled command lines through the shell and
 * kubectl (runLine) and through tab completion, on the real scenario world. Every line must get an
 * answer the shell or kubectl would give (never an internal error, a stack trace or a hang), and
 * the world must stay deterministic: the same lines on a fresh world give the same bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterControl } from '../../../src/cluster/api';
import { createCluster, listAll } from '../../../src/cluster/index';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import { runLine, type ShellResult } from '../../../src/kubectl/index';
import { kubectlCommandFlags, kubectlCommandPaths } from '../../../src/kubectl/kubectl';
import { complete } from '../../../src/kubectl/shell/complete';

const world = loadScenarioFile(scenarioPath('taskflow-crashloop')).world;
const ARRIVAL = Date.UTC(2026, 10, 24, 15, 40, 0);
const NS = 'taskflow-demo';
/** One seed for the whole file: failures reproduce; change it to explore further. */
const SEED = 20261125;

const base = createCluster(world, ARRIVAL);
const podNames = base.list('Pod', NS).map((p) => p.metadata!.name!);
const paths = kubectlCommandPaths();

/**
 * How the lines of real complaints start (kubectl and cobra, bash, coreutils, GNU grep, procps
 * watch), including the later lines of multi-line messages.
 */
const MESSAGE = new RegExp(
  '^(' +
    [
      'error: ', 'Error: ', 'Error from server \\(', 'Error in configuration: ', 'bash: ', 'grep: ', 'head: ', 'tail: ', 'wc: ',
      'sort: ', 'base64: ', 'watch: ', 'echo: ', 'history: ', 'date: ', 'Usage:', 'usage: ', 'No resources found', 'No events found',
      'unknown ', "See '", 'Flag --', "Try '[a-z0-9]+ --help' for more information\\.$", 'You must specify the type of resource',
      'Use "kubectl explain <resource>"', 'POD or TYPE/NAME is a required argument', 'Did you mean this\\?', 'Example resource specifications include:', 'E\\d{4} \\d\\d:', 'Options:',
      'For more details see', '\\[output truncated by Firedrill\\]',
    ].join('|') +
    ')',
);

const WORDS = [
  'kubectl', 'k', 'get', 'describe', 'logs', 'events', 'rollout', 'history', 'undo', 'status', 'config', 'pods', 'pod', 'po',
  'deploy', 'deployment', 'deployments.apps', 'rs', 'svc', 'ns', 'nodes', 'events', 'all', 'secret', 'cm', 'endpointslices',
  'api-service', 'deployment/api-service', 'pod/', 'web-frontend', NS, 'default', 'kube-system', '-n', '-A', '-o', 'yaml', 'json',
  'name', 'wide', 'jsonpath={.items[*].metadata.name}', 'custom-columns=N:.metadata.name', '-l', 'app=api-service', '-w',
  '--watch-only', '-f', '--previous', '-p', '--tail', '-1', '--since', '5m', '--for', '--types', 'Warning', '--sort-by',
  '.metadata.name', '--field-selector', 'status.phase=Running', '--show-labels', '--revision', '3', '--to-revision', '0',
  '--help', '-h', '--namespace=', '--context', 'x', 'echo', 'date', 'history', 'clear', 'help', 'watch', 'grep', 'head',
  'tail', 'wc', 'sort', 'base64', '-d', '-n', '-c', '-v', '-i', '-E', '-l', '5', '+2', '-5', '|', '||', '&&', ';', '>',
  '<', '&', '$(date)', '`date`', '$HOME', '~', '*', '?', '[', ']', '{', '}', '\\', "'", '"', "''", '""', '#', '=', '==',
  '--', '---', '-', '--=', '-=', '--o=yaml', '-oyaml', '-ojsonpath={', '-o=go-template', '--output', '--all-namespaces=false',
  ...podNames,
];

/** Any string: printable, control characters, astral planes, lone surrogates. */
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('\u0000', '\u001b[2J', '\r', '\t', '\u200b', '\ufeff', '\ud800', '\udfff', 'é', '日本語', '😀', '\u202e', 'ǅ'),
);

const token = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 2, arbitrary: anyText }, { weight: 1, arbitrary: fc.integer().map(String) });

/** Random tokens, each sometimes quoted. */
const randomLine = fc
  .array(fc.tuple(token, fc.constantFrom('', '', '', "'", '"')), { maxLength: 12 })
  .map((ts) => ts.map(([t, q]) => (q === '' ? t : `${q}${t}${q}`)).join(' '));

/** A real command, its flags mangled: renamed, valueless, given odd values, doubled, reordered. */
const mangledLine = fc
  .tuple(
    fc.constantFrom(...paths),
    fc.array(
      fc.oneof(
        fc.constantFrom(...WORDS),
        fc.tuple(fc.constantFrom(...paths), fc.nat(), anyText, fc.constantFrom('--', '-', '---', '--no-')).map(([p, i, v, dash]) => {
          const flags = kubectlCommandFlags(p);
          const f = flags[i % flags.length]!;
          const name = f.shorthand !== undefined && i % 3 === 0 ? f.shorthand : f.name;
          return i % 2 === 0 ? `${dash}${name}=${v}` : `${dash}${name}`;
        }),
        anyText,
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom('kubectl', 'k', 'watch kubectl', 'watch -n 1 kubectl'),
    fc.array(fc.constantFrom('| grep api', '| head -n 2', '| tail -n +2', '| wc -l', '| sort', '| base64 -d', '| grep -c', '|', '| nope', '| head -n -1', '| grep -E "(a|"'), { maxLength: 2 }),
  )
  .map(([path, args, prog, pipes]) => [prog, path, ...args, ...pipes].join(' '));

/** Quotes and escapes left open, pipes in odd places, and lines far longer than anyone types. */
const nastyLine = fc.oneof(
  fc.tuple(randomLine, fc.constantFrom("'", '"', '\\', '|', '| |', '||', '"\'"', "'\"'", '$(', '`')).map(([l, q]) => `${l} ${q}`),
  fc.tuple(fc.constantFrom('kubectl get pods', 'echo', 'kubectl logs ', 'grep'), fc.integer({ min: 1000, max: 20_000 }), fc.constantFrom('a', ' ', '-', '|', '😀', "'")).map(([p, n, c]) => `${p} ${c.repeat(n)}`),
  fc.array(fc.constantFrom('kubectl get pods', 'grep a', 'head', 'wc -l', 'sort', 'tail -n 1'), { minLength: 2, maxLength: 40 }).map((cs) => cs.join(' | ')),
);

const anyLine = fc.oneof({ weight: 3, arbitrary: randomLine }, { weight: 4, arbitrary: mangledLine }, { weight: 1, arbitrary: nastyLine });

function run(cluster: ClusterControl, line: string, history: string[], namespace = NS): ShellResult & { ms: number } {
  history.push(line);
  const t0 = performance.now();
  const r = runLine(line, { cluster, namespace, history });
  const ms = performance.now() - t0;
  r.follow?.stop();
  return { ...r, ms };
}

/** The answer is one a terminal would show: no internal error, no stack trace, a real message. */
function expectAnswer(line: string, r: ShellResult & { ms: number }): void {
  const where = `line: ${JSON.stringify(line.length > 300 ? `${line.slice(0, 300)}…` : line)}`;
  expect(r.stderr, where).not.toMatch(/firedrill: internal error|\n\s+at \S+ \(|TypeError|RangeError|undefined is not|Cannot read prop/);
  expect(r.stdout, where).not.toMatch(/firedrill: internal error|\n\s+at \S+ \(\S+:\d+:\d+\)|\[object Object\]/);
  expect(Number.isInteger(r.exitCode), where).toBe(true);
  expect(r.ms, where).toBeLessThan(1000);
  if (r.stderr !== '') {
    for (const msg of r.stderr.split('\n').filter((l) => l !== '')) {
      // Continuation lines of a multi-line message follow its first line.
      if (msg.startsWith(' ') || msg.startsWith('\t')) continue;
      expect(msg, where).toMatch(MESSAGE);
    }
  }
  if (r.exitCode !== 0 && r.stderr === '') {
    // Quiet failures: grep finding nothing, `watch -g`, and a command group's help (`kubectl
    // rollout` prints it on stdout and exits 1, as kubectl does).
    if (!/grep|watch/.test(line)) expect(r.stdout, where).toMatch(/^\S.*\n\nAvailable Commands:\n/s);
  }
}

describe('fuzzing the command line', () => {
  it('answers random, mangled and hostile lines as the shell or kubectl would', () => {
    const cluster = createCluster(world, ARRIVAL);
    const history: string[] = [];
    let n = 0;
    fc.assert(
      fc.property(anyLine, (line) => {
        n++;
        expectAnswer(line, run(cluster, line, history));
      }),
      { seed: SEED, numRuns: 2500 },
    );
    expect(n).toBeGreaterThanOrEqual(2500);
    // The world still answers ordinary commands.
    expect(run(cluster, `kubectl get deploy -n ${NS} -o name`, []).stdout).toBe(
      'deployment.apps/api-service\ndeployment.apps/web-frontend\ndeployment.apps/worker\n',
    );
  });

  it('completes any partial line without throwing, offering whole words', () => {
    fc.assert(
      fc.property(anyLine, fc.nat(), (line, at) => {
        const cursor = line.length === 0 ? 0 : at % (line.length + 1);
        const c = complete(line, cursor, { cluster: base, namespace: NS });
        expect(c.start).toBeGreaterThanOrEqual(0);
        expect(c.start).toBeLessThanOrEqual(cursor);
        for (const w of c.candidates) expect(typeof w).toBe('string');
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('keeps the world deterministic: the same lines at the same sim times give the same bytes', () => {
    const session = fc.array(
      fc.oneof(
        { weight: 3, arbitrary: anyLine.map((line) => ({ line })) },
        { weight: 1, arbitrary: fc.constantFrom(`kubectl rollout undo deployment/api-service -n ${NS}`, `kubectl rollout undo deploy/worker -n ${NS} --to-revision=1`, `kubectl config set-context --current --namespace=${NS}`).map((line) => ({ line })) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 600 }).map((seconds) => ({ seconds })) },
      ),
      { maxLength: 15 },
    );
    fc.assert(
      fc.property(session, (steps) => {
        const replay = (): string => {
          const cluster = createCluster(world, ARRIVAL);
          const history: string[] = [];
          let namespace = 'default';
          let out = '';
          for (const s of steps) {
            if ('seconds' in s) {
              cluster.advanceBy(s.seconds * 1000);
              continue;
            }
            const r = run(cluster, s.line, history, namespace);
            expectAnswer(s.line, r);
            if (r.namespace !== undefined) namespace = r.namespace;
            out += `${r.exitCode}\n${r.stdout}\n${r.stderr}\n`;
          }
          return `${out}${JSON.stringify(listAll(cluster))}`;
        };
        expect(replay()).toBe(replay());
      }),
      { seed: SEED, numRuns: 15 },
    );
  });
});

describe('what the fuzzer found', () => {
  const say = (line: string) => runLine(line, { cluster: base, namespace: NS, history: [] });
  it('names a command with unprintable characters as bash does, in $\'...\' quoting', () => {
    // Strings captured from bash 5.2.
    expect(say("'\n'").stderr).toBe("bash: $'\\n': command not found\n");
    expect(say("'a\u0001b'").stderr).toBe("bash: $'a\\001b': command not found\n");
    expect(say("'\u001bé\tx'").stderr).toBe("bash: $'\\Eé\\tx': command not found\n");
    expect(say('"it\'s\u007f"').stderr).toBe("bash: $'it\\'s\\177': command not found\n");
    expect(say("'a\\b'").stderr).toBe('bash: a\\b: command not found\n');
    expect(say("kubectl get pods | 'x\ny'").stderr).toBe("bash: $'x\\ny': command not found\n");
  });
});
