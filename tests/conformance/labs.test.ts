/**
 * Every scenario's lab (scenarios/<id>/lab/*.yaml: real manifests that replay the incident on Kind
 * or Minikube) is read as YAML here and checked by real kubectl 1.32's client-side validation
 * against the Kubernetes schema: `kubectl apply --dry-run=client --validate=strict`, against the
 * stub server, which serves the 1.32 schemas (openapiV2.ts) as a server without server-side field
 * validation, so kubectl validates itself. Negative controls keep this from passing vacuously:
 * kubectl validates a kind only when it finds its schema, and says nothing when it does not.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ClusterView } from '../../src/cluster/api';
import type { ExplainDoc } from '../../src/kubectl/explain/schema';
import explainData from '../../src/kubectl/explain/openapi.json';
import { SCENARIOS_DIR, scenarioIds } from '../../src/incident/node';
import { KUBECTL, kubectlAvailable, kubectlFor, type KubectlEnv } from './kubectl';
import { v2Definitions } from './openapiV2';
import { startStubServer, type StubServer } from './stubServer';

if (!kubectlAvailable) console.warn(`conformance: ${KUBECTL} not found, skipping the validation of the lab manifests with real kubectl`);

/** Every lab runs in one namespace, so `kubectl delete namespace taskflow-demo` cleans up (the READMEs say so). */
const LAB_NAMESPACE = 'taskflow-demo';

/** The kinds we have the 1.32 schema of, by `apiVersion kind`. */
const KINDS = new Map((explainData as unknown as ExplainDoc).resources.map((r) => [`${r.group === '' ? r.version : `${r.group}/${r.version}`} ${r.kind}`, r]));

interface LabObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** scenarios/<id>/lab/*.yaml, found at run time (scenarios are added all the time). */
function labFiles(): string[] {
  return readdirSync(SCENARIOS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(SCENARIOS_DIR, e.name, 'lab')))
    .flatMap((e) => {
      const dir = join(SCENARIOS_DIR, e.name, 'lab');
      return readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => join(dir, f));
    })
    .sort();
}

/** The objects of a lab file, with the problems of each (empty when it is well-formed). */
function readLab(path: string): { objects: LabObject[]; problems: string[] } {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  if (!Array.isArray(docs)) return { objects: [], problems: ['not a YAML stream'] };
  const problems: string[] = [];
  const objects: LabObject[] = [];
  docs.forEach((doc, i) => {
    for (const e of [...doc.errors, ...doc.warnings]) problems.push(`document ${i + 1}: ${e.message}`);
    const o = doc.toJS() as unknown;
    if (o === null || o === undefined) return; // an empty document (a trailing `---`)
    if (typeof o !== 'object' || Array.isArray(o)) return void problems.push(`document ${i + 1}: not a mapping`);
    const obj = o as LabObject;
    const where = `document ${i + 1} (${obj.kind} ${obj.metadata?.name})`;
    const known = KINDS.get(`${obj.apiVersion} ${obj.kind}`);
    if (known === undefined) problems.push(`${where}: apiVersion/kind ${obj.apiVersion} ${obj.kind} is not one we have the schema of`);
    if (typeof obj.metadata?.name !== 'string' || obj.metadata.name === '') problems.push(`${where}: no metadata.name`);
    if (known?.namespaced === true && obj.metadata?.namespace !== LAB_NAMESPACE) {
      problems.push(`${where}: metadata.namespace is ${obj.metadata?.namespace}, expected ${LAB_NAMESPACE}`);
    }
    if (known?.namespaced === false && obj.metadata?.namespace !== undefined) problems.push(`${where}: a cluster-scoped object with a namespace`);
    if (obj.kind === 'Namespace' && obj.metadata?.name !== LAB_NAMESPACE) problems.push(`${where}: expected namespace ${LAB_NAMESPACE}`);
    objects.push(obj);
  });
  return { objects, problems };
}

/** What `-o name` prints for an object: `deployment.apps/api-service`. */
function nameOf(o: LabObject): string {
  const group = o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : '';
  return `${o.kind.toLowerCase()}${group}/${o.metadata.name}`;
}

/** kubectl's whole answer when client-side validation rejects `file`. */
const rejection = (file: string, errors: string[]): string =>
  `error: error validating "${file}": error validating data: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}; if you choose to ignore these errors, turn validation off with --validate=false\n`;

const FILES = labFiles();
const rel = (path: string): string => relative(process.cwd(), path);

describe('lab manifests', () => {
  it('every scenario has a lab with manifests', () => {
    for (const id of scenarioIds()) expect(FILES.some((f) => f.startsWith(join(SCENARIOS_DIR, id, 'lab'))), `scenarios/${id}/lab/*.yaml`).toBe(true);
    expect(FILES.length).toBeGreaterThanOrEqual(2);
  });

  it('the schema kubectl validates them against is whole: every $ref names a definition, every lab kind has one', () => {
    const defs = v2Definitions();
    const refs = [...JSON.stringify(defs).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((r) => defs[r] === undefined)).toEqual([]);
    const kinds = new Set(Object.values(defs).flatMap((d) => (d['x-kubernetes-group-version-kind'] ?? []).map((g) => `${g.group === '' ? g.version : `${g.group}/${g.version}`} ${g.kind}`)));
    const used = FILES.flatMap((f) => readLab(f).objects.map((o) => `${o.apiVersion} ${o.kind}`));
    expect(used.filter((k) => !kinds.has(k))).toEqual([]);
  });

  for (const file of FILES) {
    it(`${rel(file)} is YAML of kinds we know, in namespace ${LAB_NAMESPACE}`, () => {
      const { objects, problems } = readLab(file);
      expect(problems).toEqual([]);
      expect(objects.length).toBeGreaterThan(0);
    });
  }
});

/** Every kind a lab may hold, with the fields labs use or are likely to: probes, resources, env from secrets and config maps, volumes. */
const SAMPLE = `apiVersion: v1
kind: Namespace
metadata: { name: taskflow-demo, labels: { team: taskflow } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: api-config, namespace: taskflow-demo }
data: { LOG_LEVEL: info, "app.properties": "a=1\\n" }
---
apiVersion: v1
kind: Secret
metadata: { name: taskflow-db, namespace: taskflow-demo }
type: Opaque
stringData: { url: "postgres://taskflow@db:5432/taskflow" }
data: { password: ZGVtbw== }
---
apiVersion: v1
kind: Service
metadata: { name: api-service, namespace: taskflow-demo, labels: { app: api-service } }
spec:
  type: ClusterIP
  selector: { app: api-service }
  ports:
    - { name: http, port: 80, targetPort: http, protocol: TCP }
    - { name: metrics, port: 9090, targetPort: 9090 }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-service
  namespace: taskflow-demo
  labels: { app: api-service }
  annotations: { kubernetes.io/change-cause: "release 2.4.0" }
spec:
  replicas: 3
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 120
  minReadySeconds: 0
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 1, maxUnavailable: 25% } }
  selector: { matchLabels: { app: api-service } }
  template:
    metadata: { labels: { app: api-service }, annotations: { prometheus.io/scrape: "true" } }
    spec:
      terminationGracePeriodSeconds: 10
      restartPolicy: Always
      securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000 }
      initContainers:
        - { name: wait-db, image: "busybox:1.36", command: [sh, -c, "until nc -z db 5432; do sleep 1; done"] }
      containers:
        - name: api-service
          image: "busybox:1.36"
          imagePullPolicy: IfNotPresent
          command: [sh, -c]
          args: ["exec httpd -f -p 8080"]
          workingDir: /www
          ports: [{ name: http, containerPort: 8080, protocol: TCP }]
          env:
            - { name: LOG_LEVEL, value: info }
            - name: DATABASE_URL
              valueFrom: { secretKeyRef: { name: taskflow-db, key: url, optional: false } }
            - name: FEATURE
              valueFrom: { configMapKeyRef: { name: api-config, key: LOG_LEVEL } }
            - name: POD_NAME
              valueFrom: { fieldRef: { fieldPath: metadata.name } }
            - name: MEMORY_LIMIT
              valueFrom: { resourceFieldRef: { resource: limits.memory, divisor: 1Mi } }
          envFrom:
            - configMapRef: { name: api-config }
            - { prefix: DB_, secretRef: { name: taskflow-db } }
          resources:
            requests: { cpu: 100m, memory: 32Mi }
            limits: { cpu: 1, memory: 64Mi }
          readinessProbe:
            httpGet: { path: /healthz, port: http, scheme: HTTP }
            initialDelaySeconds: 2
            periodSeconds: 5
            timeoutSeconds: 1
            successThreshold: 1
            failureThreshold: 3
          livenessProbe:
            tcpSocket: { port: 8080 }
            periodSeconds: 10
          startupProbe:
            exec: { command: [cat, /www/healthz] }
            failureThreshold: 30
          lifecycle:
            preStop: { exec: { command: [sleep, "5"] } }
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
          volumeMounts:
            - { name: config, mountPath: /etc/api, readOnly: true }
            - { name: db, mountPath: /etc/db }
            - { name: www, mountPath: /www }
      volumes:
        - name: config
          configMap: { name: api-config, items: [{ key: app.properties, path: app.properties }] }
        - name: db
          secret: { secretName: taskflow-db, defaultMode: 0400 }
        - name: www
          emptyDir: { sizeLimit: 16Mi }
---
apiVersion: batch/v1
kind: Job
metadata: { name: db-migrate, namespace: taskflow-demo }
spec:
  backoffLimit: 2
  activeDeadlineSeconds: 600
  ttlSecondsAfterFinished: 3600
  completions: 1
  parallelism: 1
  template:
    metadata: { labels: { job: db-migrate } }
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: "busybox:1.36"
          command: [sh, -c, "echo migrating; exit 0"]
          env:
            - name: DATABASE_URL
              valueFrom: { secretKeyRef: { name: taskflow-db, key: url } }
          resources: { limits: { memory: 64Mi } }
`;

function sampleObjects(): LabObject[] {
  return parseAllDocuments(SAMPLE).map((d) => d.toJS() as LabObject);
}

/** A world with nothing in it: every lab object is new, so apply --dry-run=client "creates" it. */
const EMPTY: ClusterView = {
  now: () => Date.now(),
  list: () => [],
  get: () => undefined,
  logs: () => ({ ok: false, status: 404, reason: 'NotFound', message: 'no pods here' }),
  facts: () => new Map(),
};

const APPLY = ['apply', '--dry-run=client', '--validate=strict', '-o', 'name', '-f'];

describe.skipIf(!kubectlAvailable)('lab manifests pass real kubectl 1.32 client-side validation (--validate=strict)', () => {
  let server: StubServer;
  let k: KubectlEnv;
  const tmp = mkdtempSync(join(tmpdir(), 'firedrill-labs-'));
  /** A manifest written to a temporary file, for kubectl to read. */
  const manifest = (name: string, text: string): string => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    server = await startStubServer(EMPTY);
    k = kubectlFor(server.url, 'default');
  });

  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  for (const file of FILES) {
    it(`${rel(file)} is valid`, async () => {
      const { objects } = readLab(file);
      const r = await k.run([...APPLY, file]);
      expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 0, stderr: '', stdout: objects.map((o) => `${nameOf(o)}\n`).join('') });
    });
  }

  // What labs are likely to use next, of each kind we have the schema of that a lab may hold:
  // if the schema data lacked a field, kubectl would reject this valid manifest.
  it('a manifest of every kind labs use, with the fields they are likely to use, is valid', async () => {
    const r = await k.run([...APPLY, manifest('sample.yaml', SAMPLE)]);
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
      code: 0,
      stderr: '',
      stdout: ['namespace/taskflow-demo', 'configmap/api-config', 'secret/taskflow-db', 'service/api-service', 'deployment.apps/api-service', 'job.batch/db-migrate', ''].join('\n'),
    });
  });

  // kubectl skips, silently, an object whose kind it finds no schema for (and stops at a file's
  // first invalid object): one object of each kind, from the labs or the sample, with an unknown
  // field in its metadata, must be rejected, or that kind went unchecked above.
  const byKind = new Map<string, LabObject>();
  for (const o of [...FILES.flatMap((f) => readLab(f).objects), ...sampleObjects()]) if (!byKind.has(`${o.apiVersion} ${o.kind}`)) byKind.set(`${o.apiVersion} ${o.kind}`, o);
  for (const [gvk, o] of byKind) {
    it(`every ${gvk} is checked: an unknown field in one is rejected`, async () => {
      const file = manifest(`${gvk.replace(/[ /]/g, '-')}.yaml`, JSON.stringify({ ...o, metadata: { ...o.metadata, labNotAField: 'x' } }));
      const r = await k.run([...APPLY, file]);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        code: 1,
        stdout: '',
        stderr: rejection(file, [`ValidationError(${o.kind}.metadata): unknown field "labNotAField" in io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`]),
      });
    });
  }

  const deployment = (container: string, replicas = '2'): string =>
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: api-service, namespace: taskflow-demo }',
      'spec:',
      `  replicas: ${replicas}`,
      '  selector: { matchLabels: { app: api-service } }',
      '  template:',
      '    metadata: { labels: { app: api-service } }',
      '    spec:',
      '      containers:',
      `        - ${container}`,
      '',
    ].join('\n');

  it('negative control: an unknown field is rejected with kubectl’s own message', async () => {
    const file = manifest('imagee.yaml', deployment('{ name: api-service, imagee: "busybox:1.36" }'));
    const r = await k.run([...APPLY, file]);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: rejection(file, ['ValidationError(Deployment.spec.template.spec.containers[0]): unknown field "imagee" in io.k8s.api.core.v1.Container']),
    });
  });

  it('negative control: a value of the wrong type is rejected', async () => {
    const file = manifest('replicas.yaml', deployment('{ name: api-service, image: "busybox:1.36" }', 'two'));
    const r = await k.run([...APPLY, file]);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: rejection(file, ['ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "string", expected "integer"']),
    });
  });

  it('negative control: a missing required field is rejected, and every error is named', async () => {
    const file = manifest('noname.yaml', deployment('{ image: "busybox:1.36", ports: [{ containerPort: "8080" }] }'));
    const r = await k.run([...APPLY, file]);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: rejection(file, [
        'ValidationError(Deployment.spec.template.spec.containers[0].ports[0].containerPort): invalid type for io.k8s.api.core.v1.ContainerPort.containerPort: got "string", expected "integer"',
        'ValidationError(Deployment.spec.template.spec.containers[0]): missing required field "name" in io.k8s.api.core.v1.Container',
      ]),
    });
  });

  it('control: the same manifest, corrected, is accepted', async () => {
    const file = manifest('ok.yaml', deployment('{ name: api-service, image: "busybox:1.36", ports: [{ containerPort: 8080 }] }'));
    const r = await k.run([...APPLY, file]);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: 'deployment.apps/api-service\n', stderr: '' });
  });
});

describe.runIf(!kubectlAvailable && process.env.CI)('kubectl in CI (labs)', () => {
  it('is installed (the conformance suite must not be skipped in CI)', () => {
    expect(kubectlAvailable, `${KUBECTL} is missing`).toBe(true);
  });
});
