import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { pullNotFound } from '../../../src/cluster/controllers/kubelet';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS, taskflowSpec, apiContainer } from './fixtures';
import { podsOf } from './helpers';

const TYPO = 'registry.example/taskflow/api-service:2.4.0-rc';
const NOT_FOUND = `rpc error: code = NotFound desc = failed to pull and unpack image "${TYPO}": failed to resolve reference "${TYPO}": ${TYPO}: not found`;

/** The deploy 9 minutes before arrival ships a tag the registry does not have. */
function typoSpec(at = -540) {
  const s = taskflowSpec();
  s.history = s.history.map((h) => (h.action === 'updateDeployment' ? { ...h, at, containers: [apiContainer(TYPO)] } : h));
  return s;
}

const eventsOf = (c: ReturnType<typeof createCluster>, uid: string) =>
  c.list('Event', NS).filter((e) => e.involvedObject.uid === uid);

describe('image pulls', () => {
  it('a tag with no image fails to pull: Pulling, Failed with containerd\'s not-found, Error: ErrImagePull', () => {
    const c = createCluster(typoSpec(1), ARRIVAL);
    // Watch one new pod from its creation: ContainerCreating, ErrImagePull, then ImagePullBackOff.
    const seen: string[] = [];
    let errImagePull: unknown;
    for (let t = 0; t < 120; t++) {
      c.advanceTo(ARRIVAL + t * 500);
      const w = podsOf(c, 'api-service').find((p) => p.spec!.containers[0]!.image === TYPO)?.status?.containerStatuses?.[0]?.state?.waiting;
      if (w?.reason === 'ErrImagePull') errImagePull ??= w;
      if (w?.reason !== undefined && seen.at(-1) !== w.reason) seen.push(w.reason);
    }
    expect(seen.slice(0, 3)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    expect(errImagePull).toEqual({ reason: 'ErrImagePull', message: NOT_FOUND });
    const pod = podsOf(c, 'api-service').find((p) => p.spec!.containers[0]!.image === TYPO)!;
    const ev = eventsOf(c, pod.metadata!.uid!).map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(ev).toContain(`Normal Pulling Pulling image "${TYPO}"`);
    expect(ev).toContain(`Warning Failed Failed to pull image "${TYPO}": ${NOT_FOUND}`);
    expect(ev).toContain('Warning Failed Error: ErrImagePull');
    const line = runLine('kubectl get pods', { cluster: c, namespace: NS, history: [] }).stdout;
    expect(line).toMatch(new RegExp(`${pod.metadata!.name} +0/1 +(ErrImagePull|ImagePullBackOff) +0 +\\d+s\\n`));
  });

  it('then backs off: ImagePullBackOff with Back-off pulling image events, retrying on the 10 s doubling schedule', () => {
    const c = createCluster(typoSpec(), ARRIVAL);
    const pods = podsOf(c, 'api-service');
    expect(pods.length).toBe(2);
    for (const pod of pods) {
      const s = pod.status!.containerStatuses![0]!;
      expect(pod.status!.phase).toBe('Pending');
      expect(s.state?.waiting?.reason).toMatch(/^(ImagePullBackOff|ErrImagePull)$/);
      expect(s.restartCount).toBe(0);
      const ev = eventsOf(c, pod.metadata!.uid!);
      const pulling = ev.find((e) => e.reason === 'Pulling')!;
      // 9 minutes of back-off doubling from 10 s, each pull on the first 10-15 s retry after expiry.
      expect(pulling.count).toBeGreaterThanOrEqual(5);
      expect(pulling.count).toBeLessThanOrEqual(8);
      const backOff = ev.find((e) => e.reason === 'BackOff')!;
      expect(backOff.type).toBe('Normal');
      expect(backOff.message).toBe(`Back-off pulling image "${TYPO}"`);
      expect(backOff.count).toBeGreaterThan(20);
      expect(ev.find((e) => e.message === 'Error: ImagePullBackOff')?.type).toBe('Warning');
    }
    // Whichever state each pod is in, get pods shows its waiting reason.
    const out = runLine('kubectl get pods', { cluster: c, namespace: NS, history: [] }).stdout;
    expect(out).toMatch(/api-service-\S+ +0\/1 +(ImagePullBackOff|ErrImagePull) +0 +8m\d+s\n/);
    c.advanceBy(20_000);
    const waiting = podsOf(c, 'api-service').map((p) => p.status!.containerStatuses![0]!.state!.waiting);
    expect(waiting.some((w) => w?.reason === 'ImagePullBackOff' && w.message === `Back-off pulling image "${TYPO}"`)).toBe(true);
  });

  it('rolling back to an image that exists recovers without a pull failure', () => {
    const c = createCluster(typoSpec(), ARRIVAL);
    const r = c.rolloutUndo(NS, 'api-service');
    expect(r.ok).toBe(true);
    c.advanceBy(120_000);
    const pods = podsOf(c, 'api-service');
    expect(pods.every((p) => p.status!.containerStatuses![0]!.ready)).toBe(true);
  });

  it('Docker Hub names are normalised as containerd reports them', () => {
    expect(pullNotFound('nginx:1.27-typo')).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27-typo": failed to resolve reference "docker.io/library/nginx:1.27-typo": docker.io/library/nginx:1.27-typo: not found',
    );
    expect(pullNotFound('acme/api')).toContain('"docker.io/acme/api:latest"');
    expect(pullNotFound('localhost:5000/api:1')).toContain('"localhost:5000/api:1"');
  });
});
