import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

function apiPods(sh: ReturnType<typeof shell>): string[] {
  return sh.cluster.list('Pod', NS).map((p) => p.metadata!.name!).filter((n) => n.startsWith('api-service-'));
}

describe('kubectl logs', () => {
  it('prints the crashed run of a crash-looping pod', () => {
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    const r = sh.run(`kubectl logs ${pod}`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('FATAL config: NOTIFICATIONS_QUEUE_URL is required');
    expect(r.stderr).toBe('');
  });

  it('keeps the last N lines with --tail', () => {
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    const r = sh.run(`kubectl logs ${pod} --previous --tail=1`);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('FATAL');
    expect(sh.run(`kubectl logs ${pod} --tail 0`).stdout).toBe('');
  });

  it('picks one pod of a deployment and names it on stderr', () => {
    const sh = shell(NS);
    for (const arg of ['deploy/api-service', 'deployment/api-service', 'deployments.apps/api-service']) {
      const r = sh.run(`kubectl logs ${arg}`);
      expect(r.stderr).toMatch(/^Found 2 pods, using pod\/api-service-\S+\n$/);
      const picked = /pod\/(\S+)/.exec(r.stderr)![1]!;
      expect(apiPods(sh)).toContain(picked);
    }
    expect(sh.run('kubectl logs deploy/worker').stderr).toBe('');
  });

  it('reports a missing pod or deployment the way kubectl logs does', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl logs nope').stderr).toBe(`error: error from server (NotFound): pods "nope" not found in namespace "${NS}"\n`);
    expect(sh.run('kubectl logs deploy/nope').stderr).toBe(
      `error: error from server (NotFound): deployments.apps "nope" not found in namespace "${NS}"\n`,
    );
  });

  it('rejects a container the pod does not have', () => {
    const sh = shell(NS);
    const pod = apiPods(sh)[0]!;
    expect(sh.run(`kubectl logs ${pod} -c sidecar`)).toEqual({
      stdout: '',
      stderr: `error: container sidecar is not valid for pod ${pod}\n`,
      exitCode: 1,
    });
    expect(sh.run(`kubectl logs ${pod} api-service -c api-service`).stderr).toBe(
      'error: only one of -c or an inline [CONTAINER] arg is allowed\n',
    );
  });

  it('passes the API server\'s BadRequest through', () => {
    const sh = shell(NS);
    const worker = sh.cluster.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('worker-'))!.metadata!.name!;
    const r = sh.run(`kubectl logs ${worker} -p`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`Error from server (BadRequest): previous terminated container "worker" in pod "${worker}" not found\n`);
  });
});
