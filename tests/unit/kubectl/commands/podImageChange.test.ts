/**
 * A bare Pod's container image changed in place (`kubectl set image pod/...`, patch, edit): the
 * kubelet sees a container whose definition no longer matches the running one, kills it
 * ("Container NAME definition changed, will be restarted") and starts the new image, counting a
 * restart; a container waiting in back-off starts the new image at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import { loadYamlParser } from '../../../../src/kubectl/manifest/yamlParser';
import { API_NEW, API_OLD, ARRIVAL, NS, taskflowSpec } from '../../cluster/fixtures';

beforeAll(loadYamlParser);

const API_PATCH = 'registry.example/taskflow/api-service:2.3.2';

function pod(image: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: debug-api
  labels:
    app: api-service
spec:
  containers:
  - name: api
    image: ${image}
    ports:
    - containerPort: 8080
      name: http
`;
}

function world(image: string) {
  const spec = taskflowSpec();
  spec.images = [
    ...spec.images,
    {
      image: API_PATCH,
      outcomes: [{ logs: [{ after: 0.4, text: '{{time}} INFO api-service 2.3.2 starting on {{pod}}' }], readyAfter: 2 }],
    },
  ];
  const cluster = createCluster(spec, ARRIVAL);
  const run = (line: string) => runLine(line, { cluster, namespace: NS, history: [], files: { 'pod.yaml': pod(image) } });
  expect(run('kubectl apply -f pod.yaml').stdout).toBe('pod/debug-api created\n');
  return { cluster, run };
}

/** Whether the Service's slice lists the pod's address as ready. */
function podReadyInSlice(w: ReturnType<typeof world>): boolean | undefined {
  const ip = w.cluster.get('Pod', NS, 'debug-api')!.status!.podIP;
  const slice = w.cluster.list('EndpointSlice', NS).find((s) => s.metadata!.labels!['kubernetes.io/service-name'] === 'api-service')!;
  return slice.endpoints?.find((e) => e.addresses.includes(ip ?? ''))?.conditions?.ready;
}

describe('changing the image of a running pod', () => {
  it('kills the container with "definition changed" and runs the new image as restart 1', () => {
    const w = world(API_OLD);
    w.cluster.advanceBy(30_000);
    expect(w.run('kubectl get pod debug-api').stdout).toMatch(/debug-api\s+1\/1\s+Running\s+0\s+30s/);
    expect(podReadyInSlice(w)).toBe(true);

    expect(w.run(`kubectl set image pod/debug-api api=${API_PATCH}`)).toEqual({ stdout: 'pod/debug-api image updated\n', stderr: '', exitCode: 0 });
    // SIGTERM: the old process is gone within a moment, the pod is unready and leaves the endpoints.
    w.cluster.advanceBy(1_000);
    expect(w.run('kubectl get pod debug-api').stdout).toMatch(/debug-api\s+0\/1\s+/);
    expect(podReadyInSlice(w)).toBe(false);

    w.cluster.advanceBy(30_000);
    expect(w.run('kubectl get pod debug-api').stdout).toMatch(/debug-api\s+1\/1\s+Running\s+1 \(\d+s ago\)\s+61s/);
    expect(podReadyInSlice(w)).toBe(true);
    const events = w.run('kubectl events --for pod/debug-api').stdout;
    expect(events).toMatch(/Normal\s+Killing\s+Pod\/debug-api\s+Container api definition changed, will be restarted\n/);
    expect(events).toContain(`Pulling image "${API_PATCH}"`);
    expect(events).toContain(`Successfully pulled image "${API_PATCH}" in `);
    expect(events).toMatch(/\(x2 over \d+s\)\s+Normal\s+Created\s+Pod\/debug-api\s+Created container: api\n/);
    expect(events).toMatch(/\(x2 over \d+s\)\s+Normal\s+Started\s+Pod\/debug-api\s+Started container api\n/);
    // The kill comes before the new image's pull.
    expect(events.indexOf('definition changed')).toBeLessThan(events.indexOf(`Pulling image "${API_PATCH}"`));

    const describe = w.run('kubectl describe pod debug-api').stdout;
    expect(describe).toContain(`    Image:          ${API_PATCH}\n`);
    expect(describe).toMatch(/ {4}State: {10}Running\n {6}Started: .*\n {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}143\n/);
    expect(describe).toContain('    Restart Count:  1\n');

    expect(w.run('kubectl logs debug-api').stdout).toMatch(/^\S+ INFO api-service 2\.3\.2 starting on debug-api\n$/);
    expect(w.run('kubectl logs debug-api --previous').stdout).toMatch(/^\S+ INFO api-service 2\.3\.1 starting on debug-api\n\S+ INFO ready\n$/);
  });

  it('starts the new image at once in a container waiting in crash-loop back-off, without a kill', () => {
    const w = world(API_NEW);
    // 2.4.0 exits without its queue URL: after 4 minutes the back-off is over a minute.
    w.cluster.advanceBy(4 * 60_000);
    const before = w.run('kubectl get pod debug-api').stdout;
    expect(before).toMatch(/debug-api\s+0\/1\s+CrashLoopBackOff\s+(\d+) /);
    const restarts = Number(/CrashLoopBackOff\s+(\d+) /.exec(before)![1]);

    w.run(`kubectl set image pod/debug-api api=${API_OLD}`);
    // The pull of 2.3.1 (not on this node yet) takes a few seconds.
    w.cluster.advanceBy(10_000);
    expect(w.run('kubectl get pod debug-api').stdout).toMatch(new RegExp(`debug-api\\s+1/1\\s+Running\\s+${restarts + 1} \\(\\S+ ago\\)`));
    expect(podReadyInSlice(w)).toBe(true);
    const events = w.run('kubectl events --for pod/debug-api').stdout;
    expect(events).not.toContain('definition changed');
    expect(events).toMatch(/\ds\s+Normal\s+Pulling\s+Pod\/debug-api\s+Pulling image "registry\.example\/taskflow\/api-service:2\.3\.1"\n/);
    expect(w.run('kubectl logs debug-api').stdout).toContain('INFO api-service 2.3.1 starting on debug-api\n');
    expect(w.run('kubectl logs debug-api --previous').stdout).toContain('FATAL config: NOTIFICATIONS_QUEUE_URL is required\n');
  });

  it('changes nothing when the image stays the same', () => {
    const w = world(API_OLD);
    w.cluster.advanceBy(30_000);
    w.run(`kubectl label pod debug-api team=api`);
    w.cluster.advanceBy(30_000);
    expect(w.run('kubectl get pod debug-api').stdout).toMatch(/debug-api\s+1\/1\s+Running\s+0\s+60s/);
    expect(w.run('kubectl events --for pod/debug-api').stdout).not.toContain('Killing');
  });
});
