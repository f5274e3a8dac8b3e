/**
 * A small world modelled on the taskflow crash-loop scenario: a Recreate deploy 9 minutes before
 * arrival ships api-service 2.4.0, which needs NOTIFICATIONS_QUEUE_URL and exits without it.
 */
import type { ContainerSpec, WorldSpec } from '../../../src/cluster/spec';

export const NS = 'taskflow-demo';
export const API_OLD = 'registry.example/taskflow/api-service:2.3.1';
export const API_NEW = 'registry.example/taskflow/api-service:2.4.0';
export const WEB = 'registry.example/taskflow/web-frontend:1.8.2';
export const WORKER = 'registry.example/taskflow/worker:1.4.0';
/** 2026-11-24T15:40:00Z: the learner's arrival in most tests. */
export const ARRIVAL = Date.UTC(2026, 10, 24, 15, 40, 0);

export function apiContainer(image: string): ContainerSpec {
  return {
    name: 'api-service',
    image,
    ports: [{ containerPort: 8080, name: 'http' }],
    env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'taskflow-db', key: 'url' } } }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  };
}

function healthy(image: string, name: string) {
  return {
    image,
    outcomes: [
      {
        logs: [
          { after: 0.2, text: `{{time}} INFO ${name} starting on {{pod}}` },
          { after: 1.5, text: '{{time}} INFO ready' },
        ],
        readyAfter: 2,
      },
    ],
  };
}

export function taskflowSpec(overrides: Partial<WorldSpec> = {}): WorldSpec {
  return {
    seed: 42,
    contextNamespace: NS,
    nodes: [
      { name: 'worker-1', internalIP: '10.0.0.11', podCIDR: '10.244.1.0/24' },
      { name: 'worker-2', internalIP: '10.0.0.12', podCIDR: '10.244.2.0/24' },
      { name: 'worker-3', internalIP: '10.0.0.13', podCIDR: '10.244.3.0/24' },
    ],
    namespaces: [NS],
    secrets: [{ name: 'taskflow-db', namespace: NS, stringData: { url: 'postgres://taskflow@db.internal:5432/taskflow' } }],
    services: [
      { name: 'api-service', namespace: NS, selector: { app: 'api-service' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      { name: 'web-frontend', namespace: NS, selector: { app: 'web-frontend' }, ports: [{ port: 80, targetPort: 3000 }] },
    ],
    history: [
      {
        at: -6 * 86400,
        action: 'createDeployment',
        deployment: {
          name: 'api-service',
          namespace: NS,
          replicas: 2,
          labels: { app: 'api-service' },
          selector: { app: 'api-service' },
          strategy: { type: 'Recreate' },
          template: { labels: { app: 'api-service' }, containers: [apiContainer(API_OLD)] },
        },
      },
      {
        at: -6 * 86400 + 30,
        action: 'createDeployment',
        deployment: {
          name: 'web-frontend',
          namespace: NS,
          replicas: 2,
          labels: { app: 'web-frontend' },
          selector: { app: 'web-frontend' },
          template: { labels: { app: 'web-frontend' }, containers: [{ name: 'web-frontend', image: WEB, ports: [{ containerPort: 3000 }] }] },
        },
      },
      {
        at: -6 * 86400 + 60,
        action: 'createDeployment',
        deployment: {
          name: 'worker',
          namespace: NS,
          replicas: 1,
          labels: { app: 'worker' },
          selector: { app: 'worker' },
          template: { labels: { app: 'worker' }, containers: [{ name: 'worker', image: WORKER }] },
        },
      },
      { at: -540, action: 'updateDeployment', namespace: NS, name: 'api-service', containers: [apiContainer(API_NEW)] },
    ],
    images: [
      healthy(API_OLD, 'api-service 2.3.1'),
      {
        image: API_NEW,
        outcomes: [
          {
            when: { envMissing: ['NOTIFICATIONS_QUEUE_URL'] },
            logs: [
              { after: 0.3, text: '{{time}} INFO api-service 2.4.0 starting' },
              { after: 1.9, text: '{{time}} FATAL config: NOTIFICATIONS_QUEUE_URL is required' },
            ],
            exit: { after: 2, code: 1 },
            // A readiness probe that would pass after 3 s: the process never gets that far.
            readyAfter: 3,
          },
          { logs: [{ after: 0.3, text: '{{time}} INFO api-service 2.4.0 starting' }], readyAfter: 2 },
        ],
      },
      healthy(WEB, 'web-frontend'),
      healthy(WORKER, 'worker'),
    ],
    ...overrides,
  };
}
