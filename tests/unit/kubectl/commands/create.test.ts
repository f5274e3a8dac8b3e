import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl create secret generic / configmap', () => {
  it('creates a secret from literals, base64-encoded, that get and describe show', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl create secret generic queue --from-literal=url=amqp://q --from-literal=user=taskflow')).toEqual({
      stdout: 'secret/queue created\n',
      stderr: '',
      exitCode: 0,
    });
    const s = sh.cluster.get('Secret', NS, 'queue')!;
    expect(s.data).toEqual({ url: 'YW1xcDovL3E=', user: 'dGFza2Zsb3c=' });
    expect(s.type).toBe('Opaque');
    expect(sh.run('kubectl get secret queue').stdout).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\nqueue\s+Opaque\s+2\s+0s\n$/);
  });

  it('--dry-run=client -o yaml prints the object kubectl would send and stores nothing', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl create configmap app-config --from-literal=LOG_LEVEL=debug --from-literal=a=b --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\ndata:\n  LOG_LEVEL: debug\n  a: b\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: app-config\n',
    );
    expect(sh.run(`kubectl create secret generic x --from-literal=a=b --dry-run=client -o yaml -n ${NS}`).stdout).toBe(
      `apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: x\n  namespace: ${NS}\n`,
    );
    expect(sh.run('kubectl create secret generic x --dry-run=client').stdout).toBe('secret/x created (dry run)\n');
    expect(sh.run('kubectl create cm x --dry-run=client -o name').stdout).toBe('configmap/x\n');
    expect(sh.cluster.get('ConfigMap', NS, 'app-config')).toBeUndefined();
    expect(sh.cluster.get('Secret', NS, 'x')).toBeUndefined();
  });

  it("answers kubectl's errors", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl create secret generic taskflow-db --from-literal=a=b')).toEqual({
      stdout: '',
      stderr: 'error: failed to create secret secrets "taskflow-db" already exists\n',
      exitCode: 1,
    });
    expect(sh.run('kubectl create secret generic --from-literal=a=b').stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n",
    );
    expect(sh.run('kubectl create secret generic x --from-literal=a').stderr).toBe('error: invalid literal source a, expected key=value\n');
    expect(sh.run('kubectl create secret generic x --from-literal=a=1 --from-literal=a=2').stderr).toBe('error: cannot add key a, another key by that name already exists\n');
    expect(sh.run("kubectl create secret generic x --from-literal='bad key=b'").stderr).toBe(
      "error: \"bad key\" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n",
    );
    expect(sh.run('kubectl create configmap Bad_Name --from-literal=a=b').stderr).toBe(
      "error: failed to create configmap ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
    );
    expect(sh.run('kubectl create secret foo').stderr).toBe("error: unknown command \"foo\"\nSee 'kubectl create secret -h' for help and examples\n");
    expect(sh.run('kubectl create secret tls x').stderr).toContain('is not simulated in Firedrill');
  });
});
