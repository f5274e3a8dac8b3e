import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import { complete } from '../../../../src/kubectl/shell/complete';
import { ARRIVAL, taskflowSpec } from '../../cluster/fixtures';

const files = { 'README.txt': 'hello\n', 'fixes/api-deployment.yaml': 'kind: Deployment\n', 'fixes/notes.md': '# notes\n' };

const cluster = createCluster(taskflowSpec(), ARRIVAL);
function run(line: string) {
  return runLine(line, { cluster, namespace: 'default', history: [], files });
}

describe('ls and cat over the scenario files', () => {
  it('lists the working directory and a subdirectory', () => {
    expect(run('ls').stdout).toBe('README.txt  fixes\n');
    expect(run('ls fixes/').stdout).toBe('api-deployment.yaml  notes.md\n');
    expect(run('ls -1 ./fixes').stdout).toBe('api-deployment.yaml\nnotes.md\n');
    expect(run('ls nope')).toEqual({ stdout: '', stderr: "ls: cannot access 'nope': No such file or directory\n", exitCode: 2 });
  });

  it('prints a file, and says so for a directory or a missing file', () => {
    expect(run('cat fixes/api-deployment.yaml').stdout).toBe('kind: Deployment\n');
    expect(run('cat ./README.txt | grep hel').stdout).toBe('hello\n');
    expect(run('cat fixes')).toEqual({ stdout: '', stderr: 'cat: fixes: Is a directory\n', exitCode: 1 });
    expect(run('cat missing.yaml')).toEqual({ stdout: '', stderr: 'cat: missing.yaml: No such file or directory\n', exitCode: 1 });
  });
});

describe('tab completion of file names', () => {
  const at = (line: string) => complete(line, line.length, { cluster, namespace: 'default', files }).candidates;
  it('completes paths after cat, ls and kubectl apply -f / patch --patch-file', () => {
    expect(at('cat ')).toEqual(['README.txt', 'fixes/', 'fixes/api-deployment.yaml', 'fixes/notes.md']);
    expect(at('kubectl apply -f fixes/a')).toEqual(['fixes/api-deployment.yaml']);
    expect(at('k patch deploy x --patch-file ')).toContain('fixes/');
    expect(at('ls fi')).toEqual(['fixes/', 'fixes/api-deployment.yaml', 'fixes/notes.md']);
  });
});
