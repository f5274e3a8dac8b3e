/**
 * Reads the objects of a manifest (a YAML or JSON stream, documents split by `---`, `kind: List`
 * expanded) the way kubectl's resource builder does, with its messages for what it refuses.
 */
import { type JsonObject, isObject } from './json';
import { YAML_NOT_READY, yamlParser } from './yamlParser';

export type ManifestRead = { ok: true; objects: JsonObject[] } | { ok: false; message: string };

function validationError(source: string, what: string): string {
  return `error: error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`;
}

/** `source` is how kubectl names the input in messages (the file path). */
export function readManifest(text: string, source: string): ManifestRead {
  const parse = yamlParser();
  if (parse === undefined) return { ok: false, message: YAML_NOT_READY };
  const stream = parse(text);
  if (!stream.ok) {
    const at = stream.line !== undefined ? `line ${stream.line}: ` : '';
    return { ok: false, message: `error: error parsing ${source}: error converting YAML to JSON: yaml: ${at}${stream.message}` };
  }
  const objects: JsonObject[] = [];
  for (const doc of stream.docs) {
    if (doc === null || doc === undefined) continue;
    if (!isObject(doc)) return { ok: false, message: validationError(source, 'invalid object to validate') };
    const missing = [...(typeof doc.apiVersion !== 'string' || doc.apiVersion === '' ? ['apiVersion not set'] : []), ...(typeof doc.kind !== 'string' || doc.kind === '' ? ['kind not set'] : [])];
    if (missing.length === 1) return { ok: false, message: validationError(source, missing[0]!) };
    if (missing.length > 1) return { ok: false, message: validationError(source, `[${missing.join(', ')}]`) };
    if (doc.kind === 'List' && Array.isArray(doc.items)) {
      for (const item of doc.items) if (isObject(item)) objects.push(item);
      continue;
    }
    objects.push(doc);
  }
  return { ok: true, objects };
}
