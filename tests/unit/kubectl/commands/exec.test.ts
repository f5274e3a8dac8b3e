import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import type { ClusterControl, WorldSpec } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import type { ShellResult } from '../../../../src/kubectl/index';
import { API_OLD, ARRIVAL, NS, taskflowSpec, WEB } from '../../cluster/fixtures';

/** api-service 2.3.1 healthy (no bad deploy), answering HTTP; web-frontend mounts its config. */
function healthySpec(): WorldSpec {
  const spec = taskflowSpec();
  spec.history = spec.history.filter((h) => h.action !== 'updateDeployment');
  spec.configMaps = [{ name: 'web-config', namespace: NS, data: { 'app.yaml': 'apiUrl: http://api-service\n', THEME: 'dark' } }];
  for (const step of spec.history) {
    if (step.action !== 'createDeployment' || step.deployment.name !== 'web-frontend') continue;
    const c0 = step.deployment.template.containers[0]!;
    c0.env = [{ name: 'THEME', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'THEME' } } }];
    c0.volumeMounts = [{ name: 'config', mountPath: '/etc/web', readOnly: true }];
    step.deployment.template.volumes = [{ name: 'config', configMap: { name: 'web-config' } }];
  }
  spec.images = spec.images.map((b) =>
    b.image === API_OLD
      ? {
          image: API_OLD,
          outcomes: [
            {
              logs: [],
              readyAfter: 1,
              http: [
                { path: '/healthz', body: 'ok from {{pod}}\n' },
                { path: '/api/tasks', status: 503, body: 'queue unavailable\n' },
              ],
            },
          ],
        }
      : b,
  );
  return spec;
}

function shellFor(spec: WorldSpec): { cluster: ClusterControl; run(line: string): ShellResult } {
  const cluster = createCluster(spec, ARRIVAL);
  return { cluster, run: (line) => runLine(line, { cluster, namespace: NS, history: [] }) };
}

const podOf = (c: ClusterControl, app: string) => c.list('Pod', NS).find((p) => p.metadata?.labels?.app === app)!.metadata!.name!;

describe('kubectl exec', () => {
  it('prints the environment the kubelet gave the process, with Service links', () => {
    const sh = shellFor(healthySpec());
    const pod = podOf(sh.cluster, 'web-frontend');
    const r = sh.run(`kubectl exec ${pod} -- env`);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `HOSTNAME=${pod}`, 'THEME=dark']);
    const ip = sh.cluster.get('Service', NS, 'api-service')!.spec!.clusterIP!;
    expect(lines).toContain(`API_SERVICE_SERVICE_HOST=${ip}`);
    expect(lines).toContain('API_SERVICE_SERVICE_PORT_HTTP=80');
    expect(lines).toContain(`API_SERVICE_PORT_80_TCP=tcp://${ip}:80`);
    expect(lines).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(lines[lines.length - 1]).toBe('HOME=/root');
    expect(sh.run(`kubectl exec -it ${pod} -- env`).stdout).toContain('\nTERM=xterm\n');
    expect(sh.run(`kubectl exec deploy/api-service -- printenv DATABASE_URL`).stdout).toBe('postgres://taskflow@db.internal:5432/taskflow\n');
    const missing = sh.run('kubectl exec deploy/api-service -- printenv NOTIFICATIONS_QUEUE_URL');
    expect(missing).toEqual({ stdout: '', stderr: 'command terminated with exit code 1\n', exitCode: 1 });
  });

  it('reads mounted files and says what busybox says about missing ones', () => {
    const sh = shellFor(healthySpec());
    expect(sh.run('kubectl exec deploy/web-frontend -- cat /etc/web/app.yaml').stdout).toBe('apiUrl: http://api-service\n');
    expect(sh.run('kubectl exec deploy/web-frontend -- ls /etc/web').stdout).toBe('THEME\napp.yaml\n');
    expect(sh.run('kubectl exec deploy/web-frontend -- cat /etc/web/app.yml')).toEqual({
      stdout: '',
      stderr: "cat: can't open '/etc/web/app.yml': No such file or directory\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
    expect(sh.run('kubectl exec deploy/web-frontend -- cat /etc/web').stderr).toBe('cat: read error: Is a directory\ncommand terminated with exit code 1\n');
    expect(sh.run('kubectl exec deploy/web-frontend -- ls /etc/nope').stderr).toBe('ls: /etc/nope: No such file or directory\ncommand terminated with exit code 1\n');
    expect(sh.run('kubectl exec deploy/web-frontend -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace').stdout).toBe(NS);
    expect(sh.run('kubectl exec deploy/web-frontend -- cat /etc/resolv.conf').stdout).toBe(
      `search ${NS}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    );
    expect(sh.run('kubectl exec deploy/web-frontend -- sh -c "cat /etc/web/$THEME"').stderr).toContain("cat: can't open '/etc/web/dark'");
  });

  it('reaches a Service through its ready endpoints and answers as the backend behaves', () => {
    const sh = shellFor(healthySpec());
    const body = sh.run('kubectl exec deploy/web-frontend -- wget -qO- http://api-service/healthz');
    expect(body.exitCode).toBe(0);
    expect(body.stdout).toMatch(/^ok from api-service-\S+\n$/);
    expect(sh.run('kubectl exec deploy/web-frontend -- wget -q -O - http://api-service.taskflow-demo.svc.cluster.local:80/api/tasks')).toEqual({
      stdout: '',
      stderr: 'wget: server returned error: HTTP/1.1 503 Service Unavailable\ncommand terminated with exit code 1\n',
      exitCode: 1,
    });
    expect(sh.run('kubectl exec deploy/web-frontend -- wget -qO- http://api-service/nope').stderr).toBe(
      'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
    );
    expect(sh.run('kubectl exec deploy/web-frontend -- curl -s http://api-service/api/tasks')).toEqual({ stdout: 'queue unavailable\n', stderr: '', exitCode: 0 });
    expect(sh.run('kubectl exec deploy/web-frontend -- curl -sf http://api-service/api/tasks')).toEqual({
      stdout: '',
      stderr: 'command terminated with exit code 22\n',
      exitCode: 22,
    });
    expect(sh.run('kubectl exec deploy/web-frontend -- curl -sS http://payments/')).toEqual({
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: payments\ncommand terminated with exit code 6\n',
      exitCode: 6,
    });
    expect(sh.run('kubectl exec deploy/web-frontend -- wget -qO- http://payments/').stderr).toBe("wget: bad address 'payments'\ncommand terminated with exit code 1\n");
  });

  it("reaches the pod's own process on localhost, as a probe does, and nothing on a port it does not listen on", () => {
    const sh = shellFor(healthySpec());
    const api = podOf(sh.cluster, 'api-service');
    expect(sh.run(`kubectl exec ${api} -- wget -qO- http://localhost:8080/healthz`).stdout).toBe(`ok from ${api}\n`);
    expect(sh.run(`kubectl exec ${api} -- wget -O- localhost:8080/nope`).stderr).toBe(
      'Connecting to localhost:8080 (127.0.0.1:8080)\nwget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
    );
    expect(sh.run(`kubectl exec ${api} -- curl -s http://127.0.0.1:8080/healthz`).stdout).toBe(`ok from ${api}\n`);
    expect(sh.run(`kubectl exec ${api} -- wget -qO- http://localhost:9090/`).stderr).toBe(
      "wget: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n",
    );
  });

  it('gets connection refused from a Service with no ready endpoints', () => {
    const sh = shellFor(taskflowSpec());
    const ip = sh.cluster.get('Service', NS, 'api-service')!.spec!.clusterIP!;
    expect(sh.run('kubectl exec deploy/web-frontend -- wget -qO- http://api-service/healthz').stderr).toBe(
      `wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`,
    );
    expect(sh.run('kubectl exec deploy/web-frontend -- curl -sS http://api-service/healthz').stderr).toBe(
      "curl: (7) Failed to connect to api-service port 80 after 1 ms: Couldn't connect to server\ncommand terminated with exit code 7\n",
    );
  });

  it('answers with kubectl errors when it cannot exec', () => {
    const sh = shellFor(taskflowSpec());
    const api = podOf(sh.cluster, 'api-service');
    expect(sh.run(`kubectl exec ${api} -- env`).stderr).toBe('error: unable to upgrade connection: container not found ("api-service")\n');
    expect(sh.run('kubectl exec nope -- env').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(sh.run('kubectl exec deploy/nope -- env').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(sh.run(`kubectl exec ${api} -c sidecar -- env`).stderr).toBe(`error: unable to upgrade connection: container sidecar is not valid for pod ${api}\n`);
    expect(sh.run('kubectl exec').stderr).toBe('error: pod, type/name or --filename must be specified\n');
    expect(sh.run(`kubectl exec ${api}`).stderr).toBe('error: you must specify at least one command for the container\n');
    expect(sh.run(`kubectl exec ${api} env`).stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    const bash = sh.run('kubectl exec deploy/web-frontend -- bash');
    expect(bash.exitCode).toBe(1);
    expect(bash.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/,
    );
    expect(sh.run('kubectl exec -it deploy/web-frontend -- sh').stderr).toMatch(/^error: interactive sessions are not simulated in Firedrill/);
    // Without -i the shell reads an empty stdin and exits.
    expect(sh.run('kubectl exec deploy/web-frontend -- sh')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.run('kubectl exec deploy/web-frontend -- sh -c "cat /etc/hostname | wc -l"').stderr).toMatch(/only simple commands/);
    expect(sh.run('kubectl exec --help').stdout).toMatch(/^Execute a command in a container\.\n\nExamples:\n/);
  });

  it('picks the running pod of a workload and uses the image behaviour the pod runs', () => {
    const sh = shellFor(healthySpec());
    const r = sh.run('kubectl exec svc/web-frontend -- hostname');
    expect(r.stdout).toMatch(/^web-frontend-\S+\n$/);
    expect(sh.cluster.get('Pod', NS, r.stdout.trim())?.spec?.containers[0]?.image).toBe(WEB);
  });
});
