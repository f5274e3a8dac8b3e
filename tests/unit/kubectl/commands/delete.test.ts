import { describe, expect, it } from 'vitest';
import { advanceFollowing } from '../../../../src/kubectl/follow';
import { NS, shell } from './helpers';

const podNames = (sh: ReturnType<typeof shell>, app: string): string[] =>
  sh.cluster
    .list('Pod', NS)
    .filter((p) => p.metadata?.labels?.app === app)
    .map((p) => p.metadata!.name!);

describe('kubectl delete', () => {
  it('deletes a pod: Terminating in get pods, Killing event, a replacement from the replica set, and waits until it is gone', () => {
    const sh = shell(NS);
    const [victim] = podNames(sh, 'web-frontend');
    const r = sh.run(`kubectl delete pod ${victim}`);
    expect(r.stdout).toBe(`pod "${victim}" deleted\n`);
    expect(r.stderr).toBe('');
    expect(r.follow).toBeDefined();
    let done = false;
    // The kubelet sees the deletion within 200 ms and stops the container 0.3-2.5 s later.
    advanceFollowing(sh.cluster, r.follow, sh.cluster.now() + 300, (u) => (done ||= u.done === true));
    expect(done).toBe(false);
    const table = sh.run('kubectl get pods').stdout;
    expect(table).toMatch(new RegExp(`${victim}\\s+\\S+\\s+Terminating`));
    expect(podNames(sh, 'web-frontend')).toHaveLength(3);
    expect(sh.run('kubectl get events').stdout).toMatch(new RegExp(`Normal\\s+Killing\\s+pod/${victim}\\s+Stopping container web-frontend`));
    advanceFollowing(sh.cluster, r.follow, sh.cluster.now() + 40_000, (u) => (done ||= u.done === true));
    expect(done).toBe(true);
    expect(podNames(sh, 'web-frontend')).not.toContain(victim);
    expect(sh.run('kubectl get pods -l app=web-frontend').stdout.match(/Running/g)).toHaveLength(2);
  });

  it('--wait=false returns at once; TYPE/NAME and several names work', () => {
    const sh = shell(NS);
    const [a, b] = podNames(sh, 'web-frontend');
    const r = sh.run(`kubectl delete pod/${a} pod/${b} --wait=false`);
    expect(r).toEqual({ stdout: `pod "${a}" deleted\npod "${b}" deleted\n`, stderr: '', exitCode: 0 });
  });

  it('--force --grace-period=0 warns, says force deleted and removes the pod at once', () => {
    const sh = shell(NS);
    const [victim] = podNames(sh, 'worker');
    const r = sh.run(`kubectl delete pod ${victim} --force --grace-period=0`);
    expect(r.stdout).toBe(`pod "${victim}" force deleted\n`);
    expect(r.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    expect(r.follow).toBeUndefined();
    expect(sh.cluster.get('Pod', NS, victim!)).toBeUndefined();
  });

  it('--now asks for a 1 second grace period', () => {
    const sh = shell(NS);
    const [victim] = podNames(sh, 'worker');
    sh.run(`kubectl delete pod ${victim} --now --wait=false`);
    expect(sh.cluster.get('Pod', NS, victim!)?.metadata?.deletionGracePeriodSeconds).toBe(1);
  });

  it('a deployment takes its replica sets and pods with it (background cascade)', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl delete deployment web-frontend');
    expect(r.stdout).toBe('deployment.apps "web-frontend" deleted\n');
    expect(r.follow).toBeUndefined();
    sh.cluster.advanceBy(1_000);
    expect(sh.run('kubectl get rs -l app=web-frontend').stderr).toBe(`No resources found in ${NS} namespace.\n`);
    expect(sh.run('kubectl get pods -l app=web-frontend').stdout).toMatch(/Terminating/);
    sh.cluster.advanceBy(40_000);
    expect(podNames(sh, 'web-frontend')).toEqual([]);
  });

  it('-l and --all select; nothing matching says No resources found', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl delete pods -l app=worker --wait=false').stdout).toMatch(/^pod "worker-[a-z0-9-]+" deleted\n$/);
    expect(sh.run('kubectl delete pods -l app=nothing')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
    const all = sh.run('kubectl delete cm --all');
    expect(all.stdout).toBe('configmap "kube-root-ca.crt" deleted\n');
  });

  it("answers kubectl's errors", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl delete pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(sh.run('kubectl delete pod nope --ignore-not-found')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.run('kubectl delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(sh.run('kubectl delete').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(sh.run('kubectl delete pod x --now --grace-period=5').stderr).toBe('error: --now and --grace-period cannot be specified together\n');
    expect(sh.run('kubectl delete pod x --force --grace-period=5').stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
    expect(sh.run('kubectl delete pods --all -l app=x').stderr).toBe("error: setting 'all' parameter but found a non empty selector. \n");
    expect(sh.run('kubectl delete pod x -o yaml').stderr).toBe("error: unexpected -o output mode: yaml. We only support '-o name'\n");
  });

  it('-h prints kubectl 1.32 help', () => {
    const sh = shell(NS);
    const h = sh.run('kubectl delete -h').stdout;
    expect(h.startsWith('Delete resources by file names, stdin, resources and names, or by resources and label selector.')).toBe(true);
    expect(h).toContain('    --grace-period=-1:\n');
    expect(h).toContain('  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]\n');
  });
});

describe('kubectl delete namespace', () => {
  it('the namespace turns Terminating, refuses new content, empties and goes', () => {
    const sh = shell(NS);
    const r = sh.run(`kubectl delete namespace ${NS}`);
    expect(r.stdout).toBe(`namespace "${NS}" deleted\n`);
    expect(r.follow).toBeDefined();
    expect(sh.run(`kubectl get ns ${NS}`).stdout).toMatch(new RegExp(`${NS}\\s+Terminating`));
    expect(sh.run('kubectl create secret generic x --from-literal=a=b').stderr).toBe(
      `error: failed to create secret secrets "x" is forbidden: unable to create new content in namespace ${NS} because it is being terminated\n`,
    );
    let done = false;
    advanceFollowing(sh.cluster, r.follow, sh.cluster.now() + 60_000, (u) => (done ||= u.done === true));
    expect(done).toBe(true);
    expect(sh.run(`kubectl get ns ${NS}`).stderr).toBe(`Error from server (NotFound): namespaces "${NS}" not found\n`);
    expect(sh.cluster.list('Pod', NS)).toEqual([]);
    expect(sh.cluster.list('Deployment', NS)).toEqual([]);
  });
});

describe('kubectl delete --timeout', () => {
  it('gives up waiting with kubectl wait timeout message', () => {
    const sh = shell(NS);
    const [victim] = podNames(sh, 'web-frontend');
    const r = sh.run(`kubectl delete pod ${victim} --timeout=100ms`);
    const updates: string[] = [];
    advanceFollowing(sh.cluster, r.follow, sh.cluster.now() + 5_000, (u) => updates.push(u.stderr));
    expect(updates.join('')).toBe(`error: timed out waiting for the condition on pods/${victim}\n`);
    expect(sh.run('kubectl delete pod x --timeout=abc').stderr).toBe(
      'Error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl delete --help\' for usage.\n',
    );
  });
});
