/** One JSON-or-YAML value from the command line (`patch -p`), as kubectl's yaml.ToJSON reads it. */
import type { Json } from './json';
import { YAML_NOT_READY, yamlParser } from './yamlParser';

export type ValueParse = { ok: true; value: Json } | { ok: false; message: string };

export function parseJsonOrYaml(text: string): ValueParse {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    // Not JSON: YAML, as kubectl accepts both.
  }
  const parse = yamlParser();
  if (parse === undefined) return { ok: false, message: YAML_NOT_READY };
  const r = parse(text);
  if (!r.ok) return { ok: false, message: `error: unable to parse ${JSON.stringify(text)}: yaml: ${r.line !== undefined ? `line ${r.line}: ` : ''}${r.message}` };
  return { ok: true, value: (r.docs[0] ?? null) as Json };
}
