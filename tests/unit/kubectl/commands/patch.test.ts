import { beforeAll, describe, expect, it } from 'vitest';
import { loadYamlParser } from '../../../../src/kubectl/manifest/yamlParser';
import { NS, shell } from './helpers';

beforeAll(loadYamlParser);

const ready = (s: ReturnType<typeof shell>): string => s.run('kubectl get deploy api-service').stdout;

describe('kubectl patch', () => {
  it('fixes forward with a strategic merge patch: the env var merges by name and the rollout plays out', () => {
    const s = shell(NS);
    const r = s.run(`kubectl patch deployment api-service -p '{"spec":{"template":{"spec":{"containers":[{"name":"api-service","env":[{"name":"NOTIFICATIONS_QUEUE_URL","value":"amqp://mq:5672"}]}]}}}}'`);
    expect(r).toEqual({ stdout: 'deployment.apps/api-service patched\n', stderr: '', exitCode: 0 });
    const env = s.cluster.get('Deployment', NS, 'api-service')!.spec!.template.spec!.containers[0]!.env!;
    // The secret-backed DATABASE_URL stays: env merges by name.
    expect(env.map((e) => e.name)).toEqual(['DATABASE_URL', 'NOTIFICATIONS_QUEUE_URL']);
    s.cluster.advanceBy(120_000);
    expect(ready(s)).toMatch(/api-service\s+2\/2\s+2\s+2/);
    expect(s.run('kubectl get pods').stdout).not.toContain('CrashLoopBackOff');
  });

  it('says (no change) when the patch changes nothing, and patches by TYPE/NAME with a merge patch', () => {
    const s = shell(NS);
    expect(s.run(`kubectl patch deploy/worker --type merge -p '{"spec":{"replicas":1}}'`).stdout).toBe('deployment.apps/worker patched (no change)\n');
    expect(s.run(`kubectl patch deploy worker --type=merge -p '{"spec":{"replicas":2}}'`).stdout).toBe('deployment.apps/worker patched\n');
    s.cluster.advanceBy(60_000);
    expect(s.run('kubectl get deploy worker').stdout).toMatch(/worker\s+2\/2/);
  });

  it('applies a JSON patch and accepts YAML for -p', () => {
    const s = shell(NS);
    expect(s.run(`kubectl patch deployment web-frontend --type json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`).stdout).toBe('deployment.apps/web-frontend patched\n');
    expect(s.cluster.get('Deployment', NS, 'web-frontend')!.spec!.replicas).toBe(3);
    expect(s.run(`kubectl patch deployment web-frontend -p 'spec: {replicas: 1}'`).stdout).toBe('deployment.apps/web-frontend patched\n');
    expect(s.cluster.get('Deployment', NS, 'web-frontend')!.spec!.replicas).toBe(1);
  });

  it('prints the patched object with -o yaml and its name with -o name', () => {
    const s = shell(NS);
    const y = s.run(`kubectl patch deployment worker -p '{"metadata":{"labels":{"team":"core"}}}' -o yaml`);
    expect(y.stdout).toContain('    team: core\n');
    expect(y.stdout.startsWith('apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect(s.run(`kubectl patch deployment worker -p '{}' -o name`).stdout).toBe('deployment.apps/worker\n');
  });

  it('answers bad input with kubectl and API server messages', () => {
    const s = shell(NS);
    expect(s.run('kubectl patch deployment worker').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(s.run(`kubectl patch deployment worker -p '{}' --type foo`).stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(s.run(`kubectl patch -p '{}'`).stderr).toContain('error: You must provide one or more resources by argument or filename.\n');
    expect(s.run(`kubectl patch deployment nope -p '{}'`).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(s.run(`kubectl patch deployment worker -p '{"spec":{"replicas":-1}}'`)).toEqual({
      stdout: '',
      stderr: 'The Deployment "worker" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      exitCode: 1,
    });
    expect(s.run(`kubectl patch deployment worker -p '{"spec":{"replicas":"2"}}'`).stderr).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    expect(s.run(`kubectl patch deployment worker -p '{"spec":{"template":{"spec":{"containers":[{"image":"x:1"}]}}}}'`).stderr).toBe(
      'Error from server (BadRequest): map: map[image:x:1] does not contain declared merge key: name\n',
    );
    expect(s.run(`kubectl patch deployment worker --type json -p '{"op":"add"}'`).stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    );
    expect(s.run(`kubectl patch deployment worker --type json -p '[{"op":"replace","path":"/spec/paused","value":true}]'`).stderr).toBe(
      'The request is invalid: : replace operation does not apply: doc is missing key: /spec/paused: missing value\n',
    );
    expect(s.run(`kubectl patch deployment worker -p 'a: b: c'`).stderr).toMatch(/^error: unable to parse "a: b: c": yaml: /);
    expect(s.run(`kubectl patch deployment worker -p '{}' --local`).stderr).toBe('error: --local is not simulated in Firedrill (kubectl patch supports it on a real cluster)\n');
    // Wrong shapes are the decoder's 400s, never an internal error; kind and name stay put.
    expect(s.run(`kubectl patch deployment worker --type merge -p '{"spec":{"template":{"spec":{"containers":[1]}}}}'`).stderr).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.containers of type v1.Container\n',
    );
    expect(s.run(`kubectl patch deployment worker -p '{"spec":{"template":{"spec":{"containers":[{"name":"worker","env":"x"}]}}}}'`).stderr).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.env of type []v1.EnvVar\n',
    );
    expect(s.run(`kubectl patch deployment worker -p '{"kind":"Pod"}'`).stderr).toBe('Error from server (BadRequest): the kind in the data (Pod) does not match the expected kind (Deployment)\n');
    expect(s.run(`kubectl patch deployment worker --type json -p '[{"op":"remove","path":"/metadata"}]'`).stderr).toBe(
      'Error from server (BadRequest): the name of the object () does not match the name on the URL (worker)\n',
    );
    // Nothing above changed the deployment.
    expect(s.cluster.get('Deployment', NS, 'worker')!.metadata!.generation).toBe(1);
  });
});
