import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

const revision = (sh: ReturnType<typeof shell>): string | undefined =>
  sh.cluster.get('Deployment', NS, 'api-service')?.metadata?.annotations?.['deployment.kubernetes.io/revision'];
const image = (sh: ReturnType<typeof shell>): string | undefined =>
  sh.cluster.get('Deployment', NS, 'api-service')?.spec?.template.spec?.containers[0]?.image;

describe('kubectl rollout', () => {
  it('undo rolls the deployment back to the previous template', () => {
    const sh = shell(NS);
    expect(image(sh)).toContain(':2.4.0');
    const r = sh.run('kubectl rollout undo deployment/api-service');
    expect(r).toEqual({ stdout: 'deployment.apps/api-service rolled back\n', stderr: '', exitCode: 0 });
    expect(image(sh)).toContain(':2.3.1');
    expect(revision(sh)).toBe('3');
  });

  it('undo accepts TYPE NAME, -n and --to-revision', () => {
    const sh = shell('default');
    expect(sh.run(`kubectl rollout undo deploy api-service -n ${NS} --to-revision=1`).stdout).toBe('deployment.apps/api-service rolled back\n');
    expect(image(sh)).toContain(':2.3.1');
  });

  it('undo to the current template is skipped, naming the revision as typed', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl rollout undo deploy/api-service --to-revision=2').stdout).toBe(
      'deployment.apps/api-service skipped rollback (current template already matches revision 2)\n',
    );
    expect(revision(sh)).toBe('2');
  });

  it('undo reports a revision that is not in history, and a missing deployment', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl rollout undo deploy/api-service --to-revision=9')).toEqual({
      stdout: '',
      stderr: 'error: unable to find specified revision 9 in history\n',
      exitCode: 1,
    });
    expect(sh.run('kubectl rollout undo deploy/nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(sh.run('kubectl rollout undo deploy/api-service --to-revision=x').stderr).toBe(
      'Error: invalid argument "x" for "--to-revision" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl rollout undo --help\' for usage.\n',
    );
  });

  it('status prints where the rollout stands, then keeps watching (follow.test.ts) unless --watch=false', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl rollout status deployment/api-service')).toMatchObject({
      stdout: 'Waiting for deployment "api-service" rollout to finish: 0 of 2 updated replicas are available...\n',
      stderr: '',
      exitCode: 0,
    });
    expect(sh.run('kubectl rollout status deploy/worker --watch=false').stdout).toBe('deployment "worker" successfully rolled out\n');
  });

  it('status reports success once an undo has settled', () => {
    const sh = shell(NS);
    sh.run('kubectl rollout undo deployment/api-service');
    sh.cluster.advanceBy(120_000);
    expect(sh.run('kubectl rollout status deployment/api-service').stdout).toBe('deployment "api-service" successfully rolled out\n');
  });

  it('history refuses a revision that does not exist', () => {
    expect(shell(NS).run('kubectl rollout history deploy/api-service --revision=7')).toEqual({
      stdout: '',
      stderr: 'error: unable to find the specified revision\n',
      exitCode: 1,
    });
  });

  it('history lists the revisions', () => {
    const r = shell(NS).run('kubectl rollout history deployment/api-service');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^deployment\.apps\/api-service \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
  });
});

describe('kubectl events', () => {
  it('says there are none in an empty namespace', () => {
    expect(shell('default').run('kubectl events')).toEqual({ stdout: '', stderr: 'No events found in default namespace.\n', exitCode: 0 });
    expect(shell(NS).run('kubectl events --types=Bogus').stderr).toBe('error: valid --types are Normal or Warning\n');
  });
  it('prints the namespace events, BackOff among them', () => {
    const r = shell(NS).run('kubectl events --for deploy/api-service');
    expect(r.exitCode).toBe(0);
    const w = shell(NS).run('kubectl events --types=Warning');
    expect(w.stdout).toContain('BackOff');
  });
});
