/** The scenario format as JSON Schema text (for editors); Node-side tooling only. */
import { z } from 'zod';
import { scenarioSchema } from './schema';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'Firedrill scenario', ...schema }, null, 2)}\n`;
}
