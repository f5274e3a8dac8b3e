import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import { loadYamlParser } from '../../../../src/kubectl/manifest/yamlParser';
import { API_NEW, ARRIVAL, NS, taskflowSpec } from '../../cluster/fixtures';

beforeAll(loadYamlParser);

const FIXED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-service
  namespace: ${NS}
  labels:
    app: api-service
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api-service
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: api-service
    spec:
      containers:
        - name: api-service
          image: ${API_NEW}
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: taskflow-db
                  key: url
            - name: NOTIFICATIONS_QUEUE_URL
              value: amqp://mq.internal:5672
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
`;

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-flags
data:
  FEATURE_X: "on"
---
apiVersion: v1
kind: Secret
metadata:
  name: mq-credentials
stringData:
  password: hunter2
`;

function world(files: Record<string, string>) {
  const cluster = createCluster(taskflowSpec(), ARRIVAL);
  return { cluster, run: (line: string) => runLine(line, { cluster, namespace: NS, history: [], files }) };
}

describe('kubectl apply -f', () => {
  it('configures an existing deployment (warning about the missing annotation), and the fix plays out', () => {
    const w = world({ 'fixes/api-service.yaml': FIXED });
    const r = w.run('kubectl apply -f fixes/api-service.yaml');
    expect(r.stdout).toBe('deployment.apps/api-service configured\n');
    expect(r.stderr).toBe(
      'Warning: resource deployments.apps/api-service is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    const d = w.cluster.get('Deployment', NS, 'api-service')!;
    const recorded = d.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration']!;
    expect(recorded.endsWith('}\n')).toBe(true);
    expect(recorded).toContain('"metadata":{"annotations":{},"labels":{"app":"api-service"},"name":"api-service","namespace":"taskflow-demo"}');
    // Server-set annotations stay; env now has the queue URL.
    expect(d.spec!.template.spec!.containers[0]!.env!.map((e) => e.name)).toEqual(['DATABASE_URL', 'NOTIFICATIONS_QUEUE_URL']);
    w.cluster.advanceBy(120_000);
    expect(w.cluster.get('Deployment', NS, 'api-service')!.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(w.run('kubectl get deploy api-service').stdout).toMatch(/api-service\s+2\/2\s+2\s+2/);
    // Applying the same file again changes nothing, without the warning.
    expect(w.run('kubectl apply -f ./fixes/api-service.yaml')).toEqual({ stdout: 'deployment.apps/api-service unchanged\n', stderr: '', exitCode: 0 });
    expect(w.run('kubectl get deploy api-service -o yaml').stdout).toContain('    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"apps/v1","kind":"Deployment",');
  });

  it('removes on re-apply what the previous file set and the new one dropped', () => {
    const withoutReplicas = FIXED.replace('  replicas: 2\n', '');
    const w = world({ 'a.yaml': FIXED.replace('replicas: 2', 'replicas: 3'), 'b.yaml': withoutReplicas });
    expect(w.run('kubectl apply -f a.yaml').stdout).toBe('deployment.apps/api-service configured\n');
    expect(w.cluster.get('Deployment', NS, 'api-service')!.spec!.replicas).toBe(3);
    expect(w.run('kubectl apply -f b.yaml').stdout).toBe('deployment.apps/api-service configured\n');
    // Dropped from the file: the field goes, and the API default (1) takes its place.
    expect(w.cluster.get('Deployment', NS, 'api-service')!.spec!.replicas).toBe(1);
  });

  it('creates every object of a multi-document file, and a directory of manifests', () => {
    const w = world({ 'config/all.yaml': CONFIG, 'config/README.md': '# not a manifest\n' });
    expect(w.run('kubectl apply -f config/all.yaml')).toEqual({ stdout: 'configmap/api-flags created\nsecret/mq-credentials created\n', stderr: '', exitCode: 0 });
    expect(w.cluster.get('Secret', NS, 'mq-credentials')!.data).toEqual({ password: 'aHVudGVyMg==' });
    expect(w.run('kubectl apply -f config').stdout).toBe('configmap/api-flags unchanged\nsecret/mq-credentials unchanged\n');
    expect(w.run('kubectl apply -f config -o name').stdout).toBe('configmap/api-flags\nsecret/mq-credentials\n');
  });

  it('answers bad input as kubectl does', () => {
    const w = world({
      'bad.yaml': FIXED.replace('replicas: 2', 'replicas: two'),
      'neg.yaml': FIXED.replace('replicas: 2', 'replicas: -2'),
      'crd.yaml': 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n',
      'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n',
      'other-ns.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: elsewhere\n',
      'empty.yaml': '# nothing\n',
    });
    expect(w.run('kubectl apply').stderr).toBe('error: must specify one of -f and -k\n');
    expect(w.run('kubectl apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n');
    expect(w.run('kubectl apply -f -').stderr).toContain('is not simulated in Firedrill');
    expect(w.run('kubectl apply -f empty.yaml').stderr).toBe('error: no objects passed to apply\n');
    expect(w.run('kubectl apply -f bad.yaml').stderr).toContain(
      '.\nError from server (BadRequest): error when applying patch to "bad.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    expect(w.run('kubectl apply -f neg.yaml').stderr).toContain('automatically.\nThe Deployment "api-service" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0\n');
    expect(w.run('kubectl apply -f crd.yaml').stderr).toBe(
      'error: resource mapping not found for name: "g" namespace: "" from "crd.yaml": no matches for kind "Gadget" in version "example.com/v1"\nensure CRDs are installed first\n',
    );
    expect(w.run('kubectl apply -f job.yaml').stderr).toBe(
      'The Job "migrate" is invalid: \n* spec.template.spec.containers: Required value\n* spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    );
    expect(w.run('kubectl apply -f other-ns.yaml').stderr).toBe('Error from server (NotFound): error when creating "other-ns.yaml": namespaces "elsewhere" not found\n');
    expect(w.run('kubectl apply -f other-ns.yaml -n taskflow-demo').stderr).toBe(
      `error: the namespace from the provided object "elsewhere" does not match the namespace "taskflow-demo". You must pass '--namespace=elsewhere' to perform this operation.\n`,
    );
    // Nothing was written by the failures.
    expect(w.cluster.get('Deployment', NS, 'api-service')!.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });
});

const MIGRATION = `apiVersion: batch/v1
kind: Job
metadata:
  name: db-migrate
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: registry.example/taskflow/migrate:2.4.0
`;

describe('kubectl apply -f of a Job', () => {
  it('creates the Job, whose pod runs to completion, with the selector and labels the API server adds', () => {
    const spec = taskflowSpec();
    spec.images.push({ image: 'registry.example/taskflow/migrate:2.4.0', outcomes: [{ logs: [{ after: 1, text: '{{time}} migrated to schema 4' }], exit: { after: 5, code: 0 } }] });
    const cluster = createCluster(spec, ARRIVAL);
    const run = (line: string) => runLine(line, { cluster, namespace: NS, history: [], files: { 'migrate.yaml': MIGRATION } });
    expect(run('kubectl apply -f migrate.yaml').stdout).toBe('job.batch/db-migrate created\n');
    const job = cluster.get('Job', NS, 'db-migrate')!;
    const uid = job.metadata!.uid!;
    expect(job.spec!.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(job.metadata!.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'db-migrate', 'controller-uid': uid, 'job-name': 'db-migrate' });
    expect(job.spec!.template.spec!.restartPolicy).toBe('Never');
    expect(job.spec!.backoffLimit).toBe(2);
    cluster.advanceBy(30_000);
    expect(run('kubectl get jobs').stdout).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\ndb-migrate\s+Complete\s+1\/1\s+\d+s\s+30s\n$/);
    const pods = run('kubectl get pods -l job-name=db-migrate -o name').stdout.trim().split('\n');
    expect(pods).toHaveLength(1);
    expect(run(`kubectl logs ${pods[0]}`).stdout).toMatch(/migrated to schema 4\n$/);
    // Applying the same file again changes nothing.
    expect(run('kubectl apply -f migrate.yaml').stdout).toBe('job.batch/db-migrate unchanged\n');
  });

  it('refuses a Job whose pods would restart forever', () => {
    const w = world({ 'always.yaml': MIGRATION.replace('restartPolicy: Never', 'restartPolicy: Always') });
    expect(w.run('kubectl apply -f always.yaml').stderr).toBe(
      'The Job "db-migrate" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    );
    expect(w.cluster.get('Job', NS, 'db-migrate')).toBeUndefined();
  });
});
