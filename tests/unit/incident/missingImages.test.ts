import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenario } from '../../../src/incident/schema';
import { scenarioPath } from '../../../src/incident/node';
import { readFileSync } from 'node:fs';

const TYPO = 'registry.example/taskflow/web-frontend:1.90';

function edited(edit: (world: { missingImages?: string[]; images: { image: string }[] }) => void): string {
  const doc = parse(readFileSync(scenarioPath('taskflow-imagepull'), 'utf8')) as { world: { missingImages?: string[]; images: { image: string }[] } };
  edit(doc.world);
  return stringify(doc);
}

describe('world.missingImages', () => {
  it('lets history name an image the registry lacks', () => {
    expect(parseScenario(edited(() => undefined), 'f.yaml').world.missingImages).toEqual([TYPO]);
  });

  it('an image neither described nor listed as missing is still an error', () => {
    expect(() => parseScenario(edited((w) => delete w.missingImages), 'f.yaml')).toThrow(
      /at world\.history\[3\]\.containers\[0\]\.image: expected an image described in world\.images \(or listed in world\.missingImages\), got "registry\.example\/taskflow\/web-frontend:1\.90"/,
    );
  });

  it('an image cannot be both described and missing', () => {
    const text = edited((w) => w.missingImages!.push(w.images[0]!.image));
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at world\.missingImages\[1\]: expected an image the registry lacks, but ".*api-service:2\.3\.1" is described in world\.images/);
  });
});
