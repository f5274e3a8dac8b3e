import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SCENARIOS_DIR } from '../../../src/incident/node';
import { scenario, SCENARIO_ID } from './fixtures';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
}

function manifests(file: string): Manifest[] {
  const docs = parseAllDocuments(readFileSync(join(SCENARIOS_DIR, SCENARIO_ID, 'lab', file), 'utf8'));
  return docs.map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJSON() as Manifest;
  });
}

const KNOWN = new Set(['v1/Namespace', 'v1/Secret', 'v1/Service', 'apps/v1/Deployment']);

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);
  const deployment = docs.find((d) => d.kind === 'Deployment')!;
  const container = (deployment.spec as { template: { spec: { containers: { image: string; args: string[]; env: { name: string }[] }[] } } })
    .template.spec.containers[0]!;

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe('taskflow-demo');
    }
  });

  it('deploys api-service the way the scenario does, with a public image', () => {
    const api = scenario().world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'api-service');
    expect(api?.action).toBe('createDeployment');
    if (api?.action !== 'createDeployment') return;
    expect(deployment.metadata.name).toBe('api-service');
    expect(deployment.spec).toMatchObject({ replicas: api.deployment.replicas, strategy: api.deployment.strategy, selector: { matchLabels: api.deployment.selector } });
    expect(container.image).toMatch(/^busybox:/);
    expect(container.env.map((e) => e.name)).not.toContain('NOTIFICATIONS_QUEUE_URL');
  });
});

it('the broken lab prints the same fatal configuration error as the game', () => {
  const script = manifests('broken.yaml').find((d) => d.kind === 'Deployment')!.spec as { template: { spec: { containers: { args: string[] }[] } } };
  const behaviour = scenario().world.images.find((i) => i.image.endsWith(':2.4.0'))!.outcomes[0]!;
  const error = behaviour.logs.find((l) => l.text.includes('ERROR'))!.text.replace('{{time}} ', '');
  expect(script.template.spec.containers[0]!.args.join('\n')).toContain(error);
  expect(behaviour.exit?.code).toBe(1);
});
