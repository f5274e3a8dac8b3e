/**
 * `kubectl explain RESOURCE[.FIELD...] [--recursive] [--api-version=G/V]`: the documentation of
 * the kinds Firedrill models, from the Kubernetes 1.32 OpenAPI schema, printed with kubectl's
 * OpenAPI v3 plaintext template (explain/render.ts).
 */
import { renderExplain } from '../explain/render';
import { type ExplainResource, explainDoc, loadExplainSchema } from '../explain/schema';
import { type FlagSpec, flagBool, flagString } from '../flags';
import { RESOURCE_TYPES } from '../resources';
import { EXPLAIN_HELP } from './helpTexts';
import { type Command, type CommandEnv, Output } from './types';

const flags: FlagSpec[] = [
  { name: 'recursive', type: 'bool' },
  { name: 'api-version', type: 'string' },
  { name: 'output', shorthand: 'o', type: 'string' },
];

/**
 * kubectl's jsonPathParse of `{.IN}` reduced to what explain accepts: field names separated by
 * dots (a trailing dot is dropped). Undefined for anything else (`a..b`, `a[0]`).
 */
function fieldNodes(text: string): string[] | undefined {
  const t = text.endsWith('.') ? text.slice(0, -1) : text;
  const parts = t.split('.');
  if (parts.some((p) => p === '' || !/^[\w-]+$/.test(p))) return undefined;
  return parts;
}

/** SplitAndParseResourceRequestWithMatchingPrefix: the resource, then the field path. */
function parseRequest(arg: string): { ok: true; resource: string; group: string; path: string[] } | { ok: false; message: string } {
  const nodes = fieldNodes(arg);
  if (nodes === undefined) return { ok: false, message: 'error: invalid jsonpath syntax, first node must be field node' };
  const word = nodes[0]!.toLowerCase();
  const rt = RESOURCE_TYPES.find((r) => r.resource === word || r.singular === word || r.shortNames.includes(word));
  // kubectl prints the mapper's NoResourceMatch error as it is, without `error: `.
  if (rt === undefined) return { ok: false, message: `the server doesn't have a resource type "${nodes[0]}"` };
  const groupResource = rt.group === '' ? rt.resource : `${rt.resource}.${rt.group}`;
  if (arg.startsWith(groupResource)) {
    const suffix = arg.slice(groupResource.length);
    const rest = suffix === '' ? [] : fieldNodes(`x${suffix}`);
    if (rest === undefined) return { ok: false, message: 'error: invalid jsonpath syntax, first node must be field node' };
    return { ok: true, resource: rt.resource, group: rt.group, path: rest.slice(1) };
  }
  return { ok: true, resource: rt.resource, group: rt.group, path: nodes.slice(1) };
}

function runExplain(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  if (env.args.length === 0) {
    return o.fail('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.').result();
  }
  if (env.args.length > 1) return o.fail('error: We accept only this format: explain RESOURCE').result();
  const req = parseRequest(env.args[0]!);
  if (!req.ok) return o.fail(req.message).result();
  const format = flagString(env.flags, 'output') ?? 'plaintext';
  if (format === 'plaintext-openapiv2') return o.fail('error: --output=plaintext-openapiv2 is not simulated in Firedrill; the default plaintext output is').result();
  const doc = explainDoc();
  if (doc === undefined) {
    void loadExplainSchema();
    return o.fail('error: the API documentation is still loading; try again in a moment').result();
  }
  let res: ExplainResource | undefined = doc.resources.find((r) => r.resource === req.resource && r.group === req.group);
  if (res === undefined) return o.fail(`error: "kubectl explain ${req.resource}" is not simulated in Firedrill (it documents the kinds the game models)`).result();
  const apiVersion = flagString(env.flags, 'api-version') ?? '';
  if (apiVersion !== '') {
    const slash = apiVersion.indexOf('/');
    const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    if (group !== res.group || version !== res.version) {
      return o.fail(`error: couldn't find resource for "${group}/${version}, Resource=${res.resource}"`).result();
    }
    res = { ...res, group, version };
  }
  if (format !== 'plaintext') return o.fail(`error: unrecognized format: ${format}`).result();
  const r = renderExplain(doc, res, req.path, flagBool(env.flags, 'recursive'));
  o.out(r.text);
  if (!r.ok) o.fail(r.message);
  return o.result();
}

export const explainCommand: Command = {
  path: 'explain',
  flags,
  help: EXPLAIN_HELP,
  run: runExplain,
};
