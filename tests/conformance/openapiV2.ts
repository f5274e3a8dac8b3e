/**
 * /openapi/v2 for the stub server: the schemas of src/kubectl/explain/openapi.json as the Swagger
 * 2.0 document kube-apiserver serves, in the protobuf encoding kubectl asks for
 * (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`; it cannot read JSON there).
 *
 * Why v2: kubectl 1.32's client-side validation (`--validate=strict` against a server without
 * server-side field validation, kubectl/pkg/validation) checks objects with kube-openapi's
 * pkg/util/proto, which reads only the v2 document. It uses types, formats, properties, items,
 * additionalProperties, required and each definition's x-kubernetes-group-version-kind (how it
 * finds a kind's model: a kind without one is not validated at all), so the document carries
 * those and no descriptions.
 *
 * The explain data is the v3 form of the 1.32 v2 spec (scripts/gen-explain-schema.ts); this undoes
 * its two changes: a described `allOf: [$ref]` was `$ref` with a description, and the `oneOf` of
 * Quantity and IntOrString was `type: string` (IntOrString keeps `format: int-or-string`).
 */
import type { ExplainDoc, Schema } from '../../src/kubectl/explain/schema';
import data from '../../src/kubectl/explain/openapi.json';

const doc = data as unknown as ExplainDoc;

export interface V2Schema {
  $ref?: string;
  type?: string;
  format?: string;
  required?: string[];
  properties?: Record<string, V2Schema>;
  items?: V2Schema;
  additionalProperties?: V2Schema | boolean;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

const v2Ref = (ref: string): string => `#/definitions/${ref.split('/').pop()}`;

/** The v2 form of a v3 schema of the explain data. */
export function toV2(s: Schema): V2Schema {
  const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0]!.$ref : undefined);
  if (ref !== undefined) return { $ref: v2Ref(ref) };
  const out: V2Schema = {};
  if (s.type !== undefined) out.type = s.type;
  else if (s.oneOf !== undefined) out.type = 'string';
  if (s.format !== undefined) out.format = s.format;
  if (s.required !== undefined) out.required = s.required;
  if (s.items !== undefined) out.items = toV2(s.items);
  if (s.additionalProperties !== undefined) {
    const ap = s.additionalProperties;
    out.additionalProperties = typeof ap === 'boolean' ? ap : toV2(ap);
  }
  if (s.properties !== undefined) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toV2(v)]));
  if (s['x-kubernetes-group-version-kind'] !== undefined) out['x-kubernetes-group-version-kind'] = s['x-kubernetes-group-version-kind'];
  return out;
}

/** The definitions of the v2 document, by name. */
export function v2Definitions(): Record<string, V2Schema> {
  return Object.fromEntries(Object.entries(doc.schemas).map(([name, s]) => [name, toV2(s)]));
}

// ---- protobuf, just the wire types gnostic's openapi_v2 messages need here (github.com/google/
// gnostic-models openapiv2/OpenAPIv2.proto gives the field numbers used below).

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

const bytesField = (field: number, body: Uint8Array): Buffer => Buffer.concat([Buffer.from(varint((field << 3) | 2)), Buffer.from(varint(body.length)), body]);
const stringField = (field: number, s: string): Buffer => bytesField(field, Buffer.from(s, 'utf8'));
const boolField = (field: number, b: boolean): Buffer => Buffer.from([...varint(field << 3), b ? 1 : 0]);

/** openapi.v2.NamedAny{name: 1, value: 2 Any{yaml: 2}}: a vendor extension, its value as YAML (JSON is YAML). */
const namedAny = (field: number, name: string, value: unknown): Buffer =>
  bytesField(field, Buffer.concat([stringField(1, name), bytesField(2, stringField(2, JSON.stringify(value)))]));

/** openapi.v2.Schema. */
function schemaMessage(s: V2Schema): Buffer {
  const parts: Buffer[] = [];
  if (s.$ref !== undefined) parts.push(stringField(1, s.$ref));
  if (s.format !== undefined) parts.push(stringField(2, s.format));
  for (const r of s.required ?? []) parts.push(stringField(19, r));
  if (s.additionalProperties !== undefined) {
    const ap = s.additionalProperties; // AdditionalPropertiesItem: oneof schema = 1, boolean = 2
    parts.push(bytesField(21, typeof ap === 'boolean' ? boolField(2, ap) : bytesField(1, schemaMessage(ap))));
  }
  if (s.type !== undefined) parts.push(bytesField(22, stringField(1, s.type))); // TypeItem{value: 1}
  if (s.items !== undefined) parts.push(bytesField(23, bytesField(1, schemaMessage(s.items)))); // ItemsItem{schema: 1}
  if (s.properties !== undefined) {
    // Properties{additional_properties: 1 NamedSchema{name: 1, value: 2}}
    const named = Object.entries(s.properties).map(([k, v]) => bytesField(1, Buffer.concat([stringField(1, k), bytesField(2, schemaMessage(v))])));
    parts.push(bytesField(25, Buffer.concat(named)));
  }
  const gvk = s['x-kubernetes-group-version-kind'];
  if (gvk !== undefined) parts.push(namedAny(31, 'x-kubernetes-group-version-kind', gvk));
  return Buffer.concat(parts);
}

let encoded: Buffer | undefined;

/** The response body for GET /openapi/v2 (openapi.v2.Document: swagger 1, info 2, definitions 9). */
export function openapiV2Protobuf(): Buffer {
  encoded ??= Buffer.concat([
    stringField(1, '2.0'),
    bytesField(2, Buffer.concat([stringField(1, 'Kubernetes'), stringField(2, 'v1.32.2')])),
    bytesField(
      9,
      Buffer.concat(Object.entries(v2Definitions()).map(([name, s]) => bytesField(1, Buffer.concat([stringField(1, name), bytesField(2, schemaMessage(s))])))),
    ),
  ]);
  return encoded;
}

/** What kubectl 1.32 asks for (the deprecated spelling, with `@`, which Go's mime parser rejects). */
export const OPENAPI_V2_PROTOBUF_ACCEPT = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** What kube-apiserver (kube-openapi's handler) answers it with. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
