import { beforeAll, describe, expect, it } from 'vitest';
import { loadExplainSchema } from '../../../../src/kubectl/index';
import { wrapString } from '../../../../src/kubectl/explain/render';
import { shell } from './helpers';

beforeAll(async () => {
  await loadExplainSchema();
});

describe('kubectl explain', () => {
  it('documents a kind: header, wrapped description, fields with their types', () => {
    const r = shell().run('kubectl explain pods');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nDESCRIPTION:\n {4}Pod is a collection of containers/);
    expect(r.stdout).toContain('\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod.');
    for (const line of r.stdout.split('\n')) if (!line.includes('https://')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('follows a field path through arrays and references, naming the group of apps kinds', () => {
    const sh = shell();
    const probe = sh.run('kubectl explain pod.spec.containers.livenessProbe');
    expect(probe.stdout).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: livenessProbe <Probe>\n\n\nDESCRIPTION:\n {4}Periodic probe of container liveness\./);
    expect(probe.stdout).toContain('  httpGet\t<HTTPGetAction>\n');
    expect(probe.stdout).toContain('  failureThreshold\t<integer>\n');
    const port = sh.run('kubectl explain deploy.spec.template.spec.containers.ports.containerPort');
    expect(port.stdout).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: containerPort <integer>\n/);
    expect(sh.run('kubectl explain pod.spec.containers').stdout).toContain('FIELD: containers <[]Container>\n');
    expect(sh.run('kubectl explain pod.spec.containers.resources').stdout).toContain('  limits\t<map[string]Quantity>\n');
    expect(sh.run('kubectl explain svc.spec.ports').stdout).toContain('  port\t<integer> -required-\n');
  });

  it('--recursive lists the field tree without descriptions', () => {
    const r = shell().run('kubectl explain deployment.spec --recursive');
    expect(r.stdout).toContain('\n  strategy\t<DeploymentStrategy>\n    rollingUpdate\t<RollingUpdateDeployment>\n      maxSurge\t<IntOrString>\n');
    expect(r.stdout).not.toContain('Rolling update config params');
  });

  it('shows enum fields as Kubernetes 1.32 publishes them: ENUM block, possible values, enum lines in field lists', () => {
    const sh = shell();
    const restart = sh.run('kubectl explain pod.spec.restartPolicy').stdout;
    expect(restart).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: restartPolicy <string>\nENUM:\n {4}Always\n {4}Never\n {4}OnFailure\n\nDESCRIPTION:\n/);
    expect(restart).toContain('\n    Possible enum values:\n     - `"Always"`\n     - `"Never"`\n     - `"OnFailure"`\n');
    const pull = sh.run('kubectl explain pod.spec.containers.imagePullPolicy').stdout;
    expect(pull).toContain('ENUM:\n    Always\n    IfNotPresent\n    Never\n');
    expect(pull).toContain('\n     - `"IfNotPresent"` means that kubelet pulls if the image isn\'t present on\n');
    expect(sh.run('kubectl explain pod.spec').stdout).toContain('\n  restartPolicy\t<string>\n  enum: Always, Never, OnFailure\n    Restart policy for all');
    expect(sh.run('kubectl explain svc.spec').stdout).toContain('\n  type\t<string>\n  enum: ClusterIP, ExternalName, LoadBalancer, NodePort\n');
    expect(sh.run('kubectl explain deploy.spec.strategy').stdout).toContain('\n  type\t<string>\n  enum: Recreate, RollingUpdate\n');
    // More than four values: the first four, then ", ....", the empty value as "".
    expect(sh.run('kubectl explain pod.spec.volumes.hostPath').stdout).toContain('\n  type\t<string>\n  enum: "", BlockDevice, CharDevice, Directory, ....\n');
    expect(sh.run('kubectl explain pod.spec.volumes.hostPath.type').stdout).toContain('ENUM:\n    ""\n    BlockDevice\n');
    // Nested in --recursive, indented with the field; list items carry no enum of their own.
    expect(sh.run('kubectl explain deployment.spec --recursive').stdout).toContain('\n    type\t<string>\n    enum: Recreate, RollingUpdate\n');
    expect(sh.run('kubectl explain svc.spec.ipFamilies').stdout).toContain('FIELD: ipFamilies <[]string>\n\n\nDESCRIPTION:');
  });

  it('answers unknown fields, resources and bad usage as kubectl does', () => {
    const sh = shell();
    expect(sh.run('kubectl explain pod.spec.bogus')).toEqual({ stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "bogus" does not exist\n', exitCode: 1 });
    expect(sh.run('kubectl explain widgets').stderr).toBe('the server doesn\'t have a resource type "widgets"\n');
    expect(sh.run('kubectl explain').stderr).toBe(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
    expect(sh.run('kubectl explain pods nodes').stderr).toBe('error: We accept only this format: explain RESOURCE\n');
    expect(sh.run('kubectl explain statefulsets').stderr).toMatch(/not simulated in Firedrill/);
    expect(sh.run('kubectl explain pods -h').stdout).toMatch(/^Describe fields and structure of various resources\./);
  });

  it('wraps words as go-wordwrap does: at spaces only, long words kept whole', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('a https://very-long-link.example/x b', 10)).toBe('a\nhttps://very-long-link.example/x\nb');
    expect(wrapString('one\n\ntwo', 3)).toBe('one\n\ntwo');
  });
});
