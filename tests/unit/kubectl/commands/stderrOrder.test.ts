/**
 * kubectl writes some warnings to stderr before the output they precede ("Found 2 pods, using
 * pod/..." before the log, apply's missing-annotation warning before "configured"); the terminal
 * and the CLI must show them in that order, and errors kubectl collects to the end after it.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import { commandOutput } from '../../../../src/ui/terminal/termText';
import { ARRIVAL, NS, taskflowSpec } from '../../cluster/fixtures';

const world = () => {
  const cluster = createCluster(taskflowSpec(), ARRIVAL);
  return (line: string) => runLine(line, { cluster, namespace: NS, history: [] });
};

describe('stderr before stdout where kubectl prints it first', () => {
  it('logs of a deployment with two pods: the note comes first, in the terminal too', () => {
    const run = world();
    const r = run('kubectl logs deploy/web-frontend');
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-frontend-\S+\n$/);
    expect(r.stdout).toContain('web-frontend starting');
    expect(r.stderrFirst).toBe(true);
    expect(commandOutput(r.stdout, r.stderr, r.stderrFirst === true).indexOf('Found 2 pods')).toBe(0);
  });

  it('a forced immediate delete warns before it reports the deletion', () => {
    const run = world();
    const pod = run('kubectl get pods -o name').stdout.split('\n')[0]!;
    const r = run(`kubectl delete ${pod} --grace-period=0 --force`);
    expect(r.stderr).toMatch(/^Warning: Immediate deletion does not wait/);
    expect(r.stdout).toMatch(/deleted/);
    expect(r.stderrFirst).toBe(true);
  });

  it('get with one missing name prints the table first and the error after it', () => {
    const run = world();
    const r = run('kubectl get deploy worker nope');
    expect(r.stdout).toMatch(/^NAME /);
    expect(r.stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(r.stderrFirst).toBeUndefined();
    expect(commandOutput(r.stdout, r.stderr).indexOf('Error from server')).toBeGreaterThan(0);
  });
});
