import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl set env', () => {
  it('adding the missing variable ends the crash loop', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl get pods -l app=api-service').stdout).toMatch(/CrashLoopBackOff/);
    expect(sh.run('kubectl set env deployment/api-service NOTIFICATIONS_QUEUE_URL=amqp://queue.taskflow-demo:5672')).toEqual({
      stdout: 'deployment.apps/api-service env updated\n',
      stderr: '',
      exitCode: 0,
    });
    sh.cluster.advanceBy(120_000);
    const pods = sh.run('kubectl get pods -l app=api-service').stdout;
    expect(pods).not.toMatch(/CrashLoopBackOff/);
    expect(pods.match(/1\/1\s+Running\s+0/g)).toHaveLength(2);
    expect(sh.run('kubectl rollout history deploy/api-service').stdout).toContain('3         <none>');
  });

  it('--list shows values and references; KEY- removes a variable', () => {
    const sh = shell(NS);
    sh.run('kubectl set env deploy/api-service LOG_LEVEL=debug');
    expect(sh.run('kubectl set env deploy/api-service --list')).toEqual({
      stdout: '# Deployment api-service, container api-service\n# DATABASE_URL from secret taskflow-db, key url\nLOG_LEVEL=debug\n',
      stderr: '',
      exitCode: 0,
    });
    expect(sh.run('kubectl set env deploy/api-service LOG_LEVEL-').stdout).toBe('deployment.apps/api-service env updated\n');
    expect(sh.run('kubectl set env deploy/api-service --list').stdout).toBe('# Deployment api-service, container api-service\n# DATABASE_URL from secret taskflow-db, key url\n');
  });

  it('--from=secret/NAME adds every key as a secretKeyRef, warning about renamed keys', () => {
    const sh = shell(NS);
    sh.run('kubectl create secret generic queue --from-literal=notifications-queue-url=amqp://q');
    const r = sh.run('kubectl set env deploy/api-service --from=secret/queue');
    expect(r.stderr).toBe('Warning: key notifications-queue-url transferred to NOTIFICATIONS_QUEUE_URL\n');
    expect(r.stdout).toBe('deployment.apps/api-service env updated\n');
    expect(sh.cluster.get('Deployment', NS, 'api-service')!.spec!.template.spec!.containers[0]!.env).toContainEqual({
      name: 'NOTIFICATIONS_QUEUE_URL',
      valueFrom: { secretKeyRef: { key: 'notifications-queue-url', name: 'queue' } },
    });
  });

  it("answers kubectl's errors", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set env deploy/api-service 1BAD=x').stderr).toBe(
      "error: \"1BAD\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n",
    );
    expect(sh.run('kubectl set env A=b deploy/api-service').stderr).toBe('error: all resources must be specified before environment changes: A=b deploy/api-service\n');
    expect(sh.run('kubectl set env A=b').stderr).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect(sh.run('kubectl set env deploy/api-service --from=secret/nope').stderr).toBe('Error from server (NotFound): secrets "nope" not found\n');
    expect(sh.run('kubectl set env deploy/api-service A=1 A-').stderr).toBe('error: can not both modify and remove the same environment variable in the same command\n');
  });
});

describe('kubectl set env / set image on a bare type', () => {
  it('needs names, --all or a selector, as the resource builder does', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl set env deployments A=1').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(sh.run('kubectl set image deployments a=b').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(sh.run('kubectl set env deployments -l app=worker A=1').stdout).toBe('deployment.apps/worker env updated\n');
    expect(sh.run('kubectl set env deployments --all B=1').stdout).toBe(
      'deployment.apps/api-service env updated\ndeployment.apps/web-frontend env updated\ndeployment.apps/worker env updated\n',
    );
  });
});
