import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

/** The real kubectl's help, when one is installed (it needs no cluster for --help). */
const realHelp = ((): string | undefined => {
  try {
    return execFileSync('kubectl', ['set', 'resources', '--help'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
  } catch {
    return undefined;
  }
})();

function container(sh: ReturnType<typeof shell>, deployment = 'api-service') {
  return sh.cluster.get('Deployment', NS, deployment)!.spec!.template.spec!.containers[0]!;
}

describe('kubectl set resources', () => {
  it('sets requests and limits on the pod template, in canonical quantities, and the rollout follows', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set resources deployment api-service --requests=cpu=2000m,memory=0.25Gi --limits=cpu=2')).toEqual({
      stdout: 'deployment.apps/api-service resource requirements updated\n',
      stderr: '',
      exitCode: 0,
    });
    // Parsed on the client and sent as Go's Quantity.String(): 2000m -> 2, 0.25Gi -> 256Mi.
    expect(container(sh).resources).toEqual({ requests: { cpu: '2', memory: '256Mi' }, limits: { cpu: '2', memory: '256Mi' } });
    sh.cluster.advanceBy(5_000);
    expect(sh.run('kubectl describe deployment api-service').stdout).toMatch(/Requests:\n {6}cpu: {5}2\n {6}memory: {2}256Mi\n/);
    expect(sh.run('kubectl rollout history deployment/api-service').stdout).toMatch(/^3 {9}<none>$/m);
  });

  it('setting the values the template already has changes nothing and prints nothing', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set resources deploy/api-service --requests=cpu=100m')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('-c picks containers by name (wildcards too); --dry-run=client changes nothing; --record writes the change cause', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set resources deploy/api-service -c nope --limits=cpu=1')).toEqual({
      stdout: '',
      stderr: 'error: unable to find container named nope\n',
      exitCode: 1,
    });
    expect(sh.run('kubectl set resources deploy/api-service -c api-* --requests=cpu=200m --dry-run=client').stdout).toBe(
      'deployment.apps/api-service resource requirements updated (dry run)\n',
    );
    expect(container(sh).resources?.requests?.cpu).toBe('100m');
    expect(sh.run('kubectl set resources deploy/api-service -c api-* --requests=cpu=200m --record').stdout).toBe('deployment.apps/api-service resource requirements updated\n');
    sh.cluster.advanceBy(5_000);
    expect(sh.run('kubectl rollout history deploy/api-service').stdout).toContain('kubectl set resources deploy/api-service --containers=api-* --requests=cpu=200m --record=true\n');
  });

  it("the API server refuses a request above its limit, and kubectl wraps the server's message", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set resources deployment api-service --requests=cpu=2')).toEqual({
      stdout: '',
      stderr:
        'error: failed to patch resources update to pod template Deployment.apps "api-service" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m\n',
      exitCode: 1,
    });
    expect(container(sh).resources?.requests?.cpu).toBe('100m');
    // Other writes meet the same validation.
    const patch = `kubectl patch deployment api-service -p '{"spec":{"template":{"spec":{"containers":[{"name":"api-service","resources":{"limits":{"memory":"64Mi"}}}]}}}}'`;
    expect(sh.run(patch).stderr).toBe(
      'The Deployment "api-service" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "128Mi": must be less than or equal to memory limit of 64Mi\n',
    );
  });

  it("answers kubectl's errors", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set resources deploy/api-service').stderr).toBe('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n');
    expect(sh.run('kubectl set resources deploy/api-service --requests=cpu').stderr).toBe('error: Invalid argument syntax cpu, expected <resource>=<value>\n');
    expect(sh.run('kubectl set resources deploy/api-service --limits=cpu=lots').stderr).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
    expect(sh.run('kubectl set resources deploy/nope --limits=cpu=1').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(sh.run('kubectl set resources --limits=cpu=1').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });

  it.skipIf(realHelp === undefined)('prints the help kubectl 1.32 prints', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set resources --help').stdout).toBe(realHelp);
    expect(sh.run('kubectl set --help').stdout).toContain('  resources        Update resource requests/limits on objects with pod templates\n');
  });
});
