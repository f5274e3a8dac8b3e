import { describe, expect, it } from 'vitest';
import { shell } from './helpers';

describe('shell builtins', () => {
  it('does nothing for an empty line', () => {
    expect(shell().run('   ')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
  it('clears the screen', () => {
    expect(shell().run('clear').clear).toBe(true);
  });
  it('numbers history like bash', () => {
    const r = shell('default', ['kubectl get pods', 'history']).run('history');
    expect(r.stdout).toBe('    1  kubectl get pods\n    2  history\n');
  });
  it('echoes its arguments with quotes removed', () => {
    expect(shell().run(`echo "hello   world" it's`).exitCode).toBe(2);
    expect(shell().run(`echo "hello   world" 'x'`).stdout).toBe('hello   world x\n');
  });
  it('answers anything else as bash does', () => {
    expect(shell().run('vim x.yaml')).toEqual({ stdout: '', stderr: 'bash: vim: command not found\n', exitCode: 127 });
    // No scenario files: an empty working directory.
    expect(shell().run('ls -la')).toEqual({ stdout: '.  ..\n', stderr: '', exitCode: 0 });
  });
  it('lists what can be typed', () => {
    const r = shell().run('help');
    expect(r.stdout).toContain('kubectl logs');
    expect(r.stdout).toContain('kubectl rollout undo');
  });
  it('survives hostile input', () => {
    const sh = shell();
    for (const line of ['"', "'", '|', '\\', 'kubectl ' + '-'.repeat(5000), 'x'.repeat(20000), 'kubectl get ' + 'pods,'.repeat(500)]) {
      const r = sh.run(line);
      expect(typeof r.exitCode).toBe('number');
    }
  });
  it('pipes kubectl output through grep, keeping kubectl errors on stderr', () => {
    const r = shell('taskflow-demo').run('kubectl logs deploy/api-service | grep FATAL');
    expect(r.stdout).toMatch(/^\S+ FATAL config: NOTIFICATIONS_QUEUE_URL is required\n$/);
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/api-service-/);
    expect(r.exitCode).toBe(0);
  });
});

describe('kubectl config and version', () => {
  it('changes the context namespace', () => {
    const r = shell().run('kubectl config set-context --current --namespace=taskflow-demo');
    expect(r).toEqual({ stdout: 'Context "firedrill" modified.\n', stderr: '', exitCode: 0, namespace: 'taskflow-demo' });
  });
  it('shows the context with its namespace', () => {
    expect(shell('taskflow-demo').run('kubectl config get-contexts').stdout).toBe(
      'CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         firedrill   firedrill   firedrill   taskflow-demo\n',
    );
    expect(shell().run('kubectl config current-context').stdout).toBe('firedrill\n');
  });
  it('prints client and server versions', () => {
    expect(shell().run('kubectl version').stdout).toMatch(/^Client Version: v1\.32\.\d+\nKustomize Version: v5\.5\.0\nServer Version: v1\.32\.\d+\n$/);
    expect(shell().run('kubectl version --client').stdout).not.toContain('Server');
  });
  it('prints help for a command with --help or -h, and root help', () => {
    expect(shell().run('kubectl get --help').stdout).toMatch(/^Display one or many resources\./);
    expect(shell().run('k logs -h').stdout).toContain('-p, --previous=false');
    expect(shell().run('kubectl').stdout).toContain('kubectl controls the Kubernetes cluster manager.');
  });
});
