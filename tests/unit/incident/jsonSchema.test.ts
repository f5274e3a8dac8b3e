import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../src/incident/jsonSchema';

it('docs/scenario.schema.json matches the zod schema (run `npm run schema` after changing it)', () => {
  const committed = readFileSync(new URL('../../../docs/scenario.schema.json', import.meta.url), 'utf8');
  expect(committed).toBe(scenarioJsonSchema());
});
