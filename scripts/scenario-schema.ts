/**
 * Writes docs/scenario.schema.json, the JSON Schema of scenario files, so editors can validate and
 * complete scenarios/<id>/scenario.yaml as authors type (see the yaml-language-server line at the
 * top of each file). `npm run schema`; a unit test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/incident/jsonSchema';

const out = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));
writeFileSync(out, scenarioJsonSchema());
console.log(`wrote ${out}`);
