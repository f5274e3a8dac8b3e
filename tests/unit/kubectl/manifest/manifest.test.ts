import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../../../src/kubectl/manifest/manifest';
import { loadYamlParser } from '../../../../src/kubectl/manifest/yamlParser';
import { decodeError } from '../../../../src/kubectl/manifest/serverSide';

beforeAll(loadYamlParser);

describe('readManifest (kubectl apply -f)', () => {
  it('reads every document of a stream, skipping empty ones, and expands a List', () => {
    const r = readManifest('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\n{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}]}\n', 'f.yaml');
    expect(r.ok && r.objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Secret']);
  });

  it('names what is missing as kubectl validation does', () => {
    expect(readManifest('apiVersion: apps/v1\nmetadata:\n  name: x\n', 'nokind.yaml')).toEqual({
      ok: false,
      message: 'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    });
    expect(readManifest('metadata:\n  name: x\n', 'none.yaml')).toEqual({
      ok: false,
      message: 'error: error validating "none.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    });
    expect(readManifest('- a\n- b\n', 'list.yaml')).toEqual({
      ok: false,
      message: 'error: error validating "list.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false',
    });
    const bad = readManifest('kind: Deployment\nmetadata:\n  name: x\n  bad: [\n', 'bad.yaml');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: /);
  });
});

describe('decodeError (the API server decoding a written object)', () => {
  const dep = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: spec as never });
  const base = { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'taskflow/api:1.4.1', env: [{ name: 'A', value: 'x' }] }] } } };

  it('accepts a well-typed deployment', () => {
    expect(decodeError('Deployment', dep(base))).toBeUndefined();
  });

  it('refuses a wrong type or an unknown field with the decoder message', () => {
    expect(decodeError('Deployment', dep({ ...base, replicas: '3' }))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(decodeError('Deployment', dep({ ...base, template: { ...base.template, spec: { containers: [{ name: 'api', image: 'x', env: [{ name: 'PORT', value: 8080 }] }] } } }))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    );
    expect(decodeError('Deployment', dep({ ...base, template: { ...base.template, spec: { containers: [{ name: 'api', imagee: 'x' }] } } }))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"',
    );
    expect(decodeError('Deployment', dep({ ...base, template: { ...base.template, spec: { containers: [{ name: 'api', image: 'x', resources: { limits: { memory: '512 MB' } } }] } } }))).toBe(
      "Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});
