import { describe, expect, it } from 'vitest';
import { runFilter } from '../../../../src/kubectl/shell/pipeline';
import { NS, shell } from './helpers';

// Expected outputs below were printed by GNU grep 3 / coreutils 9 (LC_ALL=C) for the same input.
const INPUT = 'NAME   READY STATUS\napi-1  0/1   CrashLoopBackOff   5\nweb-2  1/1   Running   0\nworker-3 1/1 Running 12\n';
const run = (line: string) => {
  const argv = line.match(/'[^']*'|\S+/g)!.map((w) => w.replace(/^'|'$/g, ''));
  return runFilter(argv, INPUT)!;
};

describe('grep', () => {
  it.each([
    ['grep -n Run', '3:web-2  1/1   Running   0\n4:worker-3 1/1 Running 12\n', 0],
    ['grep -c -v Run', '2\n', 0],
    ["grep -o 'api-[0-9]'", 'api-1\n', 0],
    ["grep -E 'api|web'", 'api-1  0/1   CrashLoopBackOff   5\nweb-2  1/1   Running   0\n', 0],
    ["grep 'api\\|web'", 'api-1  0/1   CrashLoopBackOff   5\nweb-2  1/1   Running   0\n', 0],
    ["grep 'api|web'", '', 1],
    ['grep -w Run', '', 1],
    ['grep -iw running', 'web-2  1/1   Running   0\nworker-3 1/1 Running 12\n', 0],
    ["grep -on '[0-9]/[0-9]'", '2:0/1\n3:1/1\n4:1/1\n', 0],
    ['grep -e Crash -e NAME', 'NAME   READY STATUS\napi-1  0/1   CrashLoopBackOff   5\n', 0],
  ])('%s', (line, stdout, exitCode) => {
    expect(run(line)).toEqual({ stdout, stderr: '', exitCode });
  });

  it('takes what GNU takes literally, and names an unmatched parenthesis', () => {
    const g = (argv: string[]) => runFilter(['grep', ...argv], 'a{b\n*x\n(y)\nz)\n')!;
    expect(g(['-E', 'a{'])).toEqual({ stdout: 'a{b\n', stderr: '', exitCode: 0 });
    expect(g(['*x'])).toEqual({ stdout: '*x\n', stderr: '', exitCode: 0 });
    expect(g(['-E', 'z)'])).toEqual({ stdout: 'z)\n', stderr: '', exitCode: 0 });
    expect(g(['-E', '('])).toEqual({ stdout: '', stderr: 'grep: Unmatched ( or \\(\n', exitCode: 2 });
    expect(g(['\\('])).toEqual({ stdout: '', stderr: 'grep: Unmatched ( or \\(\n', exitCode: 2 });
    expect(g(['['])).toEqual({ stdout: '', stderr: 'grep: Invalid regular expression\n', exitCode: 2 });
  });

  it("complains as GNU grep does", () => {
    expect(run('grep')).toEqual({ stdout: '', stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 });
    expect(run('grep -z x').stderr).toBe("grep: invalid option -- 'z'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    expect(run('grep x file.txt')).toEqual({ stdout: '', stderr: 'grep: file.txt: No such file or directory\n', exitCode: 2 });
  });
});

describe('wc, sort, base64', () => {
  it.each([
    ['wc', '      4      15     103\n'],
    ['wc -l', '4\n'],
    ['wc -lw', '      4      15\n'],
    ['wc -c', '103\n'],
    ['sort', INPUT],
    ['sort -r', 'worker-3 1/1 Running 12\nweb-2  1/1   Running   0\napi-1  0/1   CrashLoopBackOff   5\nNAME   READY STATUS\n'],
    ['sort -k3', 'api-1  0/1   CrashLoopBackOff   5\nweb-2  1/1   Running   0\nworker-3 1/1 Running 12\nNAME   READY STATUS\n'],
    ['sort -n -k4', 'NAME   READY STATUS\nweb-2  1/1   Running   0\napi-1  0/1   CrashLoopBackOff   5\nworker-3 1/1 Running 12\n'],
    ['sort -rn -k4', 'worker-3 1/1 Running 12\napi-1  0/1   CrashLoopBackOff   5\nweb-2  1/1   Running   0\nNAME   READY STATUS\n'],
    ['sort -k2,2', INPUT],
    ['base64', 'TkFNRSAgIFJFQURZIFNUQVRVUwphcGktMSAgMC8xICAgQ3Jhc2hMb29wQmFja09mZiAgIDUKd2Vi\nLTIgIDEvMSAgIFJ1bm5pbmcgICAwCndvcmtlci0zIDEvMSBSdW5uaW5nIDEyCg==\n'],
  ])('%s', (line, stdout) => {
    expect(run(line)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it('tail -n +N starts at line N; head -n -N drops the last N (GNU)', () => {
    const abcd = 'a\nb\nc\nd\n';
    expect(runFilter(['tail', '-n', '+2'], abcd)!.stdout).toBe('b\nc\nd\n');
    expect(runFilter(['head', '-n', '-1'], abcd)!.stdout).toBe('a\nb\nc\n');
    expect(runFilter(['head', '-2'], abcd)!.stdout).toBe('a\nb\n');
    expect(runFilter(['tail', '-n1'], abcd)!.stdout).toBe('d\n');
  });

  it('sort -u keeps the first of equal lines; bad options are refused', () => {
    expect(runFilter(['sort', '-u'], 'b\na\nb\n')!.stdout).toBe('a\nb\n');
    expect(runFilter(['sort', '-ru'], 'b\na\nb\n')!.stdout).toBe('b\na\n');
    expect(run('sort -x')).toEqual({ stdout: '', stderr: "sort: invalid option -- 'x'\nTry 'sort --help' for more information.\n", exitCode: 2 });
    expect(run('wc -x')).toEqual({ stdout: '', stderr: "wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n", exitCode: 1 });
  });

  it('base64 -d decodes what a Secret holds, and refuses garbage', () => {
    expect(runFilter(['base64', '-d'], 'aGkK\n')).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    expect(runFilter(['base64', '--decode'], 'cG9zdGdyZXM6Ly9kYi5leGFtcGxl')!.stdout).toBe('postgres://db.example');
    expect(runFilter(['base64', '-d'], '!!!\n')).toEqual({ stdout: '', stderr: 'base64: invalid input\n', exitCode: 1 });
  });
});

describe('shell builtins over the sim clock', () => {
  it('date prints the incident clock in GNU format, UTC', () => {
    const sh = shell(NS);
    expect(sh.run('date')).toEqual({ stdout: 'Tue Nov 24 15:40:00 UTC 2026\n', stderr: '', exitCode: 0 });
    expect(sh.run("date -u '+%F %T %Z'").stdout).toBe('2026-11-24 15:40:00 UTC\n');
    sh.cluster.advanceBy(90_000);
    expect(sh.run('date +%s').stdout).toBe(`${Date.UTC(2026, 10, 24, 15, 41, 30) / 1000}\n`);
  });

  it('history N shows the last N, numbered from the start', () => {
    const sh = shell('default', ['kubectl get pods', 'date', 'k get deploy', 'history 2']);
    expect(sh.run('history 2').stdout).toBe('    3  k get deploy\n    4  history 2\n');
    expect(sh.run('history x').stderr).toBe('bash: history: x: numeric argument required\n');
  });

  it('k is kubectl; pipes chain filters', () => {
    const sh = shell(NS);
    expect(sh.run('k get deploy -o name | sort -r | head -n 1').stdout).toBe('deployment.apps/worker\n');
    expect(sh.run('kubectl get pods | grep -c Running').stdout).toBe('3\n');
  });
});
