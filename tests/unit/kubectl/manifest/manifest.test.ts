import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../../../src/kubectl/manifest/manifest';
import { loadYamlParser } from '../../../../src/kubectl/manifest/yamlParser';
import { admit, invalidMessage } from '../../../../src/kubectl/manifest/serverSide';

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

describe('admit (what the API server does with a write)', () => {
  const dep = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: spec as never });
  const base = { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'taskflow/api:1.4.1' }] } } };

  it('defaults a deployment as the server stores it', () => {
    const v = admit('Deployment', dep({ ...base, replicas: undefined }), undefined);
    expect(v.ok).toBe(true);
    const spec = v.ok ? (v.object.spec as Record<string, unknown>) : {};
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' });
    expect(JSON.stringify(spec.template)).toContain('"terminationMessagePath":"/dev/termination-log"');
  });

  it('refuses a wrong type with the decoder message (400)', () => {
    expect(admit('Deployment', dep({ ...base, replicas: '3' }), undefined)).toEqual({
      ok: false,
      status: 400,
      message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    });
    const typo = admit('Deployment', dep({ ...base, template: { ...base.template, spec: { containers: [{ name: 'api', imagee: 'x' }] } } }), undefined);
    expect(typo).toMatchObject({ status: 400, message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"' });
  });

  it('validates with field causes, printed as kubectl prints a 422', () => {
    const v = admit('Deployment', dep({ ...base, replicas: -1, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'api' }] } } }), undefined);
    expect(v.ok).toBe(false);
    if (v.ok || v.status !== 422) throw new Error('expected 422');
    expect(invalidMessage(v.kind, v.name, v.causes)).toBe(
      'The Deployment "api" is invalid: \n' +
        '* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n' +
        '* spec.template.spec.containers[0].image: Required value',
    );
    const one = admit('Deployment', dep({ ...base, replicas: -2 }), undefined);
    if (one.ok || one.status !== 422) throw new Error('expected 422');
    expect(invalidMessage(one.kind, one.name, one.causes)).toBe('The Deployment "api" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0');
  });

  it('keeps the selector immutable on update', () => {
    const v = admit('Deployment', dep({ ...base, selector: { matchLabels: { app: 'api', v: '2' } }, template: { ...base.template, metadata: { labels: { app: 'api', v: '2' } } } }), dep(base));
    expect(v).toMatchObject({ status: 422, causes: [{ field: 'spec.selector', message: 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"api", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable' }] });
  });
});
