import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenario } from '../../../src/incident/schema';
import { scenarioText } from './fixtures';

function edited(edit: (doc: Record<string, unknown>) => void): string {
  const doc = parse(scenarioText()) as Record<string, unknown>;
  edit(doc);
  return stringify(doc);
}

type World = { nodes: Record<string, unknown>[]; history: Record<string, unknown>[]; images: { image: string }[] };

describe('jobs and node resources in scenario files', () => {
  it('accepts a migration job that runs on deploy and nodes with CPU and memory', () => {
    const text = edited((doc) => {
      const world = doc.world as World;
      world.nodes[0]!.cpu = '2';
      world.nodes[0]!.memory = '8Gi';
      world.history.push({
        at: -540,
        action: 'createJob',
        job: { name: 'db-migrate', namespace: 'taskflow-demo', backoffLimit: 2, template: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: world.images[0]!.image }] } },
      });
    });
    const s = parseScenario(text, 'f.yaml');
    expect(s.world.nodes[0]).toMatchObject({ cpu: '2', memory: '8Gi' });
    expect(s.world.history.at(-1)).toMatchObject({ action: 'createJob', job: { name: 'db-migrate', backoffLimit: 2 } });
  });

  it('names a job restartPolicy that Jobs do not allow and a job image without behaviour', () => {
    const job = (restartPolicy: string, image: string) =>
      edited((doc) => {
        (doc.world as World).history.push({
          at: 0,
          action: 'createJob',
          job: { name: 'db-migrate', namespace: 'taskflow-demo', template: { restartPolicy, containers: [{ name: 'migrate', image }] } },
        });
      });
    const known = (parse(scenarioText()) as { world: World }).world.images[0]!.image;
    expect(() => parseScenario(job('Always', known), 'f.yaml')).toThrow(/job\.template\.restartPolicy/);
    expect(() => parseScenario(job('Never', 'registry.example/nope:1'), 'f.yaml')).toThrow(/job\.template\.containers\[0\]\.image: expected an image described in world\.images/);
  });
});
