/**
 * The OpenAPI v3 data `kubectl explain` reads (openapi.json, built by
 * scripts/gen-explain-schema.ts). It is 300 kB, so the browser fetches it as its own chunk after
 * start-up instead of in the main bundle: call loadExplainSchema() early; explain answers once
 * it has arrived.
 */

export interface Schema {
  description?: string;
  type?: string;
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  enum?: unknown[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

export interface ExplainResource {
  resource: string;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  /** Key of its schema in `schemas`. */
  schema: string;
}

export interface ExplainDoc {
  resources: ExplainResource[];
  schemas: Record<string, Schema>;
}

let doc: ExplainDoc | undefined;
let loading: Promise<void> | undefined;

/** Fetches the schema data once (a no-op when it is already here). */
export function loadExplainSchema(): Promise<void> {
  loading ??= import('./openapi.json').then((m) => {
    doc = (m as { default: unknown }).default as ExplainDoc;
  });
  return loading;
}

/** The data, or undefined while it is still loading. */
export function explainDoc(): ExplainDoc | undefined {
  return doc;
}
