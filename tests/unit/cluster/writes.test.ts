import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Secret } from 'kubernetes-types/core/v1';
import { createCluster } from '../../../src/cluster/index';
import { cloneJson } from '../../../src/cluster/json';
import { API_OLD, ARRIVAL, NS, WEB, taskflowSpec } from './fixtures';
import { podsOf } from './helpers';

function secret(name: string, data: Record<string, string>): Secret {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS }, data };
}

describe('ClusterControl.create', () => {
  it('stores a secret with uid, resourceVersion, creationTimestamp and the Opaque default', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const res = c.create('Secret', secret('queue', { url: 'YW1xcDovL3E=' }));
    expect(res.ok).toBe(true);
    const s = c.get('Secret', NS, 'queue')!;
    expect(s.type).toBe('Opaque');
    expect(s.metadata!.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.metadata!.creationTimestamp).toBe('2026-11-24T15:40:00Z');
    expect(s.metadata!.resourceVersion).toBeDefined();
  });

  it('answers AlreadyExists, NotFound for a missing namespace and Invalid for bad names, as kubectl prints them', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    expect(c.create('Secret', secret('taskflow-db', {}))).toEqual({ ok: false, message: 'Error from server (AlreadyExists): secrets "taskflow-db" already exists' });
    expect(c.create('Secret', { ...secret('x', {}), metadata: { name: 'x', namespace: 'nope' } })).toEqual({
      ok: false,
      message: 'Error from server (NotFound): namespaces "nope" not found',
    });
    const bad = c.create('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: NS } });
    expect(bad).toEqual({
      ok: false,
      message:
        "The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    });
  });

  it('a new deployment gets defaults and the controllers start its pods', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const d: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web2', namespace: NS, labels: { app: 'web2' } },
      spec: {
        selector: { matchLabels: { app: 'web2' } },
        template: { metadata: { labels: { app: 'web2' } }, spec: { containers: [{ name: 'web', image: WEB }] } },
      },
    };
    const res = c.create('Deployment', d);
    expect(res.ok).toBe(true);
    const stored = c.get('Deployment', NS, 'web2')!;
    expect(stored.spec!.replicas).toBe(1);
    expect(stored.spec!.strategy).toEqual({ rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' });
    expect(stored.spec!.template.spec!.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });
    expect(stored.metadata!.generation).toBe(1);
    c.advanceBy(30_000);
    const pods = podsOf(c, 'web2');
    expect(pods).toHaveLength(1);
    expect(pods[0]!.status!.phase).toBe('Running');
  });
});

describe('ClusterControl.replace', () => {
  it('keeps uid and creationTimestamp, bumps generation on a spec change and rolls out', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const before = c.get('Deployment', NS, 'web-frontend')!;
    const next = cloneJson(before) as Deployment;
    (next.spec as { replicas?: number }).replicas = 3;
    const res = c.replace('Deployment', next);
    expect(res.ok).toBe(true);
    const after = c.get('Deployment', NS, 'web-frontend')!;
    expect(after.metadata!.uid).toBe(before.metadata!.uid);
    expect(after.metadata!.creationTimestamp).toBe(before.metadata!.creationTimestamp);
    expect(after.metadata!.generation).toBe(before.metadata!.generation! + 1);
    c.advanceBy(30_000);
    expect(podsOf(c, 'web-frontend').filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
  });

  it('refuses a negative replica count and a stale resourceVersion with the API errors', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const d = cloneJson(c.get('Deployment', NS, 'web-frontend')!) as Deployment;
    (d.spec as { replicas?: number }).replicas = -1;
    expect(c.replace('Deployment', d)).toEqual({
      ok: false,
      message: 'The Deployment "web-frontend" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    });
    const stale = cloneJson(c.get('Deployment', NS, 'web-frontend')!) as Deployment;
    (stale.metadata as { resourceVersion?: string }).resourceVersion = '1';
    expect(c.replace('Deployment', stale)).toEqual({
      ok: false,
      message:
        'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web-frontend": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(c.replace('Deployment', { ...d, metadata: { name: 'gone', namespace: NS } })).toEqual({
      ok: false,
      message: 'Error from server (NotFound): deployments.apps "gone" not found',
    });
  });
});

describe('ClusterControl.delete', () => {
  it('a deleted pod terminates gracefully while its replica set starts a replacement at once', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const victim = podsOf(c, 'web-frontend')[0]!;
    const name = victim.metadata!.name!;
    const res = c.delete('Pod', NS, name);
    expect(res.ok).toBe(true);
    const terminating = c.get('Pod', NS, name)!;
    expect(terminating.metadata!.deletionTimestamp).toBe('2026-11-24T15:40:30Z');
    expect(terminating.metadata!.deletionGracePeriodSeconds).toBe(30);
    c.advanceBy(100);
    expect(podsOf(c, 'web-frontend')).toHaveLength(3);
    c.advanceBy(900);
    const killing = c.list('Event', NS).find((e) => e.involvedObject.name === name && e.reason === 'Killing');
    expect(killing?.message).toBe('Stopping container web-frontend');
    c.advanceBy(30_000);
    expect(c.get('Pod', NS, name)).toBeUndefined();
    const pods = podsOf(c, 'web-frontend');
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
  });

  it('grace period 0 removes the pod from the API at once', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const name = podsOf(c, 'worker')[0]!.metadata!.name!;
    c.delete('Pod', NS, name, { gracePeriodSeconds: 0 });
    expect(c.get('Pod', NS, name)).toBeUndefined();
    c.advanceBy(30_000);
    expect(podsOf(c, 'worker')).toHaveLength(1);
    expect(c.list('Event', NS).some((e) => e.involvedObject.name === name && e.reason === 'Killing')).toBe(true);
  });

  it('deleting a deployment garbage-collects its replica sets and their pods', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const res = c.delete('Deployment', NS, 'web-frontend');
    expect(res.ok).toBe(true);
    expect(c.get('Deployment', NS, 'web-frontend')).toBeUndefined();
    c.advanceBy(1_000);
    expect(c.list('ReplicaSet', NS).filter((rs) => rs.metadata?.labels?.app === 'web-frontend')).toHaveLength(0);
    expect(podsOf(c, 'web-frontend').every((p) => p.metadata?.deletionTimestamp !== undefined)).toBe(true);
    c.advanceBy(40_000);
    expect(podsOf(c, 'web-frontend')).toHaveLength(0);
    expect(c.delete('Deployment', NS, 'web-frontend')).toEqual({ ok: false, message: 'Error from server (NotFound): deployments.apps "web-frontend" not found' });
  });

  it('orphan propagation keeps the replica sets without their owner reference', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    c.delete('Deployment', NS, 'worker', { propagationPolicy: 'Orphan' });
    c.advanceBy(5_000);
    const rss = c.list('ReplicaSet', NS).filter((rs) => rs.metadata?.labels?.app === 'worker');
    expect(rss).toHaveLength(1);
    expect(rss[0]!.metadata!.ownerReferences).toBeUndefined();
    expect(podsOf(c, 'worker')[0]!.spec!.containers[0]!.image).not.toBe(API_OLD);
  });
});
