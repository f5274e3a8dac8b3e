/**
 * The YAML parser `apply -f`, `edit` and `patch -p` need, loaded on demand. The `yaml` package is
 * too large for the first page load, so the browser fetches it as its own chunk (a dynamic
 * import) together with the game's engine (src/ui/play/engine.ts), and lines wait for both; Node
 * (the CLI, tests) loads it the same way before running. Parsing stays synchronous for the
 * commands: if the chunk could not be fetched they say so plainly.
 */

/** One YAML stream's documents as plain JSON values, or the parser's first error. */
export type ParsedStream = { ok: true; docs: unknown[] } | { ok: false; message: string; line?: number };

export type YamlStreamParser = (text: string) => ParsedStream;

let parser: YamlStreamParser | undefined;
let loading: Promise<void> | undefined;

/** Starts loading the parser (once); resolves when commands can parse YAML. */
export function loadYamlParser(): Promise<void> {
  loading ??= import('yaml').then((mod) => {
    parser = (text) => {
      const docs: unknown[] = [];
      // YAML 1.1 as kubectl's sigs.k8s.io/yaml reads it would turn `on`/`yes` into booleans;
      // the core schema (1.2) keeps them strings, which is what manifests mean in practice.
      for (const doc of mod.parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true })) {
        if (!('errors' in doc)) return { ok: false, message: 'could not parse the document' };
        const err = doc.errors[0];
        if (err !== undefined) {
          const line = err.linePos?.[0]?.line;
          return { ok: false, message: err.message.split('\n')[0] ?? err.message, ...(line !== undefined ? { line } : {}) };
        }
        docs.push(doc.toJS({ maxAliasCount: 100 }));
      }
      return { ok: true, docs };
    };
  });
  return loading;
}

/** The parser, once loaded. */
export function yamlParser(): YamlStreamParser | undefined {
  return parser;
}

export const YAML_NOT_READY = 'error: the YAML reader is still loading; try again in a moment';
