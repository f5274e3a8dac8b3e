import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

const WEB_BAD = 'registry.example/taskflow/web-frontend:1.9.0-typo';

describe('kubectl set image', () => {
  it('a bad tag: new pods fail to pull while the old ones keep serving; the revision shows in history', () => {
    const sh = shell(NS);
    expect(sh.run(`kubectl set image deployment/web-frontend web-frontend=${WEB_BAD}`)).toEqual({
      stdout: 'deployment.apps/web-frontend image updated\n',
      stderr: '',
      exitCode: 0,
    });
    sh.cluster.advanceBy(20_000);
    const pods = sh.run('kubectl get pods -l app=web-frontend').stdout;
    expect(pods).toMatch(/0\/1\s+(ErrImagePull|ImagePullBackOff)/);
    expect(pods.match(/1\/1\s+Running/g)).toHaveLength(2);
    expect(sh.run('kubectl get endpointslices').stdout).toMatch(/web-frontend-\S+\s+IPv4\s+3000\s+\S+,\S+/);
    expect(sh.run('kubectl rollout history deploy/web-frontend').stdout).toBe('deployment.apps/web-frontend \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });

  it('setting the same image again changes nothing and prints nothing', () => {
    const sh = shell(NS);
    const img = sh.cluster.get('Deployment', NS, 'web-frontend')!.spec!.template.spec!.containers[0]!.image;
    expect(sh.run(`kubectl set image deploy web-frontend web-frontend=${img}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('--record writes the command into change-cause, which rollout history shows', () => {
    const sh = shell(NS);
    sh.run(`kubectl set image deploy/web-frontend web-frontend=${WEB_BAD} --record`);
    expect(sh.run('kubectl rollout history deploy/web-frontend').stdout).toContain(`2         kubectl set image deploy/web-frontend web-frontend=${WEB_BAD} --record=true\n`);
  });

  it("answers kubectl's errors", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set image deploy/web-frontend nope=x:1')).toEqual({ stdout: '', stderr: 'error: unable to find container named "nope"\n', exitCode: 1 });
    expect(sh.run('kubectl set image deploy/web-frontend').stderr).toBe('error: at least one image update is required\n');
    expect(sh.run('kubectl set image web-frontend=x').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(sh.run('kubectl set image deploy/nope a=b').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
