import { describe, expect, it } from 'vitest';
import { PatchError, strategicMergePatch, threeWayMerge } from '../../../../src/kubectl/manifest/strategicMerge';
import { JsonPatchError, applyJsonPatch, jsonMergePatch } from '../../../../src/kubectl/manifest/jsonPatch';
import { compactJson, type JsonObject } from '../../../../src/kubectl/manifest/json';

function deployment(): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'taskflow-demo', annotations: { 'deployment.kubernetes.io/revision': '2' }, finalizers: ['a'] },
    spec: {
      replicas: 3,
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          containers: [
            {
              name: 'api',
              image: 'taskflow/api:1.4.0',
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'DB_HOST', value: 'db' },
              ],
              ports: [{ containerPort: 8080, protocol: 'TCP' }],
            },
            { name: 'sidecar', image: 'proxy:1' },
          ],
          tolerations: [{ key: 'a', operator: 'Exists' }],
        },
      },
    },
  };
}

const containers = (o: JsonObject): JsonObject[] =>
  (((o.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[];

describe('strategic merge patch', () => {
  it('merges containers by name and env by name, keeping the rest', () => {
    const out = strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'api', env: [{ name: 'DB_HOST', value: 'db-2' }, { name: 'NEW', value: '1' }] }] } } } }, 'Deployment');
    const cs = containers(out);
    expect(cs.map((c) => c.name)).toEqual(['api', 'sidecar']);
    expect(cs[0]!.image).toBe('taskflow/api:1.4.0');
    expect(cs[0]!.env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_HOST', value: 'db-2' },
      { name: 'NEW', value: '1' },
    ]);
  });

  it('replaces lists without a merge key (tolerations) and unions finalizers', () => {
    const out = strategicMergePatch(deployment(), { metadata: { finalizers: ['b'] }, spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } }, 'Deployment');
    expect((out.metadata as JsonObject).finalizers).toEqual(['a', 'b']);
    expect((((out.spec as JsonObject).template as JsonObject).spec as JsonObject).tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });

  it('deletes with null and with $patch: delete, replaces with $patch: replace', () => {
    const out = strategicMergePatch(
      deployment(),
      { metadata: { annotations: null }, spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }, { name: 'api', env: [{ name: 'LOG_LEVEL', $patch: 'delete' }], ports: [{ $patch: 'replace' }, { containerPort: 9090 }] }] } } } },
      'Deployment',
    );
    expect((out.metadata as JsonObject).annotations).toBeUndefined();
    const cs = containers(out);
    expect(cs.map((c) => c.name)).toEqual(['api']);
    expect(cs[0]!.env).toEqual([{ name: 'DB_HOST', value: 'db' }]);
    expect(cs[0]!.ports).toEqual([{ containerPort: 9090 }]);
  });

  it('refuses a keyed list item without its merge key, in the server words', () => {
    expect(() => strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ image: 'x:1' }] } } } }, 'Deployment')).toThrow(
      new PatchError('map: map[image:x:1] does not contain declared merge key: name'),
    );
  });

  it('orders by $setElementOrder and drops directives from the result', () => {
    const out = strategicMergePatch(
      deployment(),
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'api' }], containers: [{ name: 'api', image: 'taskflow/api:1.4.1' }] } } } },
      'Deployment',
    );
    expect(containers(out).map((c) => `${c.name}=${c.image}`)).toEqual(['sidecar=proxy:1', 'api=taskflow/api:1.4.1']);
    expect(JSON.stringify(out)).not.toContain('$');
  });
});

describe('three-way merge (kubectl apply)', () => {
  it('removes what the last applied file set and the new one dropped; keeps server-set fields', () => {
    const live = deployment();
    const last: JsonObject = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'api', image: 'taskflow/api:1.4.0', env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_HOST', value: 'db' }] }] } } } };
    const modified: JsonObject = { spec: { template: { spec: { containers: [{ name: 'api', image: 'taskflow/api:1.4.1', env: [{ name: 'DB_HOST', value: 'db' }] }] } } } };
    const out = threeWayMerge(live, last, modified, 'Deployment');
    expect((out.spec as JsonObject).replicas).toBeUndefined();
    const cs = containers(out);
    // The sidecar was never in the file: another writer's, kept.
    expect(cs.map((c) => c.name)).toEqual(['api', 'sidecar']);
    expect(cs[0]!.image).toBe('taskflow/api:1.4.1');
    expect(cs[0]!.env).toEqual([{ name: 'DB_HOST', value: 'db' }]);
    expect(cs[0]!.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect((out.metadata as JsonObject).annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
  });

  it('without a last applied configuration only adds and changes', () => {
    const out = threeWayMerge(deployment(), undefined, { spec: { replicas: 5 } }, 'Deployment');
    expect((out.spec as JsonObject).replicas).toBe(5);
    expect(containers(out)).toHaveLength(2);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, removes nulls, replaces arrays', () => {
    expect(jsonMergePatch({ a: 'b', c: { d: 'e', f: 'g' }, l: [1, 2] }, { a: 'z', c: { f: null }, l: [3] })).toEqual({ a: 'z', c: { d: 'e' }, l: [3] });
    expect(jsonMergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(jsonMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, moves, copies and tests', () => {
    const doc = { spec: { replicas: 1, list: ['a', 'b'] } };
    expect(
      applyJsonPatch(doc, [
        { op: 'replace', path: '/spec/replicas', value: 4 },
        { op: 'add', path: '/spec/list/1', value: 'x' },
        { op: 'add', path: '/spec/list/-', value: 'z' },
        { op: 'remove', path: '/spec/list/0' },
        { op: 'copy', from: '/spec/replicas', path: '/spec/copy' },
        { op: 'move', from: '/spec/copy', path: '/spec/moved' },
        { op: 'add', path: '/spec/a~1b', value: true },
        { op: 'test', path: '/spec/replicas', value: 4 },
      ]),
    ).toEqual({ spec: { replicas: 4, list: ['x', 'b', 'z'], moved: 4, 'a/b': true } });
    expect(doc.spec.replicas).toBe(1);
  });

  it('fails as the json-patch library does', () => {
    expect(() => applyJsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/replicas', value: 4 }])).toThrow(
      new JsonPatchError('replace operation does not apply: doc is missing key: /spec/replicas: missing value'),
    );
    expect(() => applyJsonPatch({ spec: {} }, [{ op: 'add', path: '/spec/x/y', value: 4 }])).toThrow(
      new JsonPatchError('add operation does not apply: doc is missing path: "/spec/x/y": missing value'),
    );
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(new JsonPatchError('testing value /a failed: test failed'));
    expect(() => applyJsonPatch({ a: 1 }, { op: 'add' })).toThrow(JsonPatchError);
  });
});

describe('compactJson', () => {
  it('writes Go json.Marshal of a map: sorted keys, HTML-safe escapes', () => {
    expect(compactJson({ b: 1, a: { d: '<x>', c: [true, null] } })).toBe('{"a":{"c":[true,null],"d":"\\u003cx\\u003e"},"b":1}');
  });
});
