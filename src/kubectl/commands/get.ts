/** `kubectl get`: tables, `-o wide|yaml|json|name`, several types, names, selectors. */
import type { AnyObject, Kind, KindMap } from '../../cluster/api';
import { noResources } from '../errors';
import { type FlagSpec, flagBool, flagString } from '../flags';
import { printJson, printName, printTable, printYaml, toList } from '../printers/index';
import { parseFieldSelector, selectorListError, unsupportedField } from '../fieldSelector';
import { parseSelector } from '../selector';
import { parseSortBy, sortObjects } from '../sortBy';
import { type Fetched, fetchObjects, resolveTargets } from './targets';
import type { ResourceType } from '../resources';
import { type Command, type CommandEnv, Output } from './types';
import { parseOutput } from './output';
import { GET_HELP } from './helpTexts';
import { runGetWatch } from './getWatch';
import { customColumnsPrinter, jsonPathPrinter, type TemplatePrinter } from './getTemplates';

const flags: FlagSpec[] = [
  { name: 'output', shorthand: 'o', type: 'string' },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
  { name: 'selector', shorthand: 'l', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
  { name: 'watch', shorthand: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'field-selector', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
];

const REQUIRED =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  'error: Required resource not specified.\n' +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples\n";

function runGet(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const { flags: f, ctx } = env;
  const format = parseOutput(flagString(f, 'output'));
  if (!format.ok) return o.fail(format.message).result();
  let template: TemplatePrinter | undefined;
  if (format.template !== undefined) {
    const allowMissing = flagBool(f, 'allow-missing-template-keys', true);
    const p =
      format.format === 'custom-columns'
        ? customColumnsPrinter(format.template, flagBool(f, 'no-headers'))
        : jsonPathPrinter(format.template, format.format === 'jsonpath-as-json', allowMissing);
    if (!p.ok) return o.fail(p.message).result();
    template = p.printer;
  }
  if (env.args.length === 0) return o.fail(REQUIRED).result();
  const targets = resolveTargets(env.args);
  if (!targets.ok) return o.fail(targets.message).result();
  const allNs = flagBool(f, 'all-namespaces');
  const selectorText = flagString(f, 'selector') ?? '';
  const sel = parseSelector(selectorText);
  if (!sel.ok) return o.fail(`error: ${sel.error}`).result();
  const fieldText = flagString(f, 'field-selector') ?? '';
  const fields = parseFieldSelector(fieldText);
  const named = targets.requests.some((r) => r.name !== undefined);
  if (named && (selectorText !== '' || fieldText !== '')) return o.fail('error: name cannot be provided when a selector is specified').result();
  if (named && allNs && targets.requests.some((r) => r.rt.namespaced)) {
    return o.fail('error: a resource cannot be retrieved by name across all namespaces').result();
  }

  const ns = allNs ? undefined : env.namespace;
  if (flagBool(f, 'watch') || flagBool(f, 'watch-only')) {
    return runGetWatch({
      cluster: ctx.cluster,
      requests: targets.requests,
      namespace: ns,
      selector: sel.reqs,
      format: format.format,
      noHeaders: flagBool(f, 'no-headers'),
      showKind: flagBool(f, 'show-kind'),
      watchOnly: flagBool(f, 'watch-only'),
      ignoreNotFound: flagBool(f, 'ignore-not-found'),
      ...(template !== undefined ? { template } : {}),
    });
  }
  // What each request found, in order: a list stays the store's own array (no per-object copy).
  const groups: { rt: ResourceType; objs: readonly AnyObject[] }[] = [];
  const errors: string[] = [];
  const ignoreNotFound = flagBool(f, 'ignore-not-found');
  const isTable = format.format === 'table' || format.format === 'wide';
  const sortText = flagString(f, 'sort-by');
  const sortPath = sortText === undefined || sortText === '' ? undefined : parseSortBy(sortText);
  for (const req of targets.requests) {
    // The server rejects a field selector it cannot parse or a field the type does not index.
    const badField = fields.ok ? unsupportedField(req.rt, fields.terms) : undefined;
    if (!fields.ok || badField !== undefined) {
      errors.push(selectorListError(req.rt, selectorText, fieldText, fields.ok ? `field label not supported: ${badField}` : fields.error));
      continue;
    }
    const got = fetchObjects(ctx.cluster, req, ns, sel.reqs, fields.terms);
    let objs = got.objs;
    if (sortPath !== undefined && objs.length > 0) {
      const sorted = sortPath.ok ? sortObjects(objs, (x) => x, sortPath) : undefined;
      // kubectl 1.32's table printer drops a table it cannot sort and says "No resources found"
      // (exit 0); -o yaml|json|name report the sorter's error.
      if (sorted?.ok === true) objs = sorted.items;
      else if (isTable) objs = [];
      else if (sorted !== undefined) return o.fail(`error: ${sorted.error}`).result();
    }
    if (objs.length > 0) groups.push({ rt: req.rt, objs });
    if (got.error !== undefined && !ignoreNotFound) errors.push(got.error);
  }

  if (!isTable) {
    const infos: Fetched[] = [];
    for (const g of groups) for (const obj of g.objs) infos.push({ rt: g.rt, obj });
    // A single named object prints as itself; anything else is wrapped in a v1 List.
    if (targets.singleItemImplied && errors.length > 0) return o.fail(errors.join('\n')).result();
    if (infos.length === 0 && ignoreNotFound) return o.result();
    if (format.format === 'name') {
      o.out(infos.map((i) => printName(i.obj)).join(''));
    } else {
      const value = targets.singleItemImplied && infos.length === 1 ? infos[0]!.obj : toList(infos.map((i) => i.obj));
      if (template !== undefined) {
        const printed = template.print(value);
        o.out(printed.text);
        if (printed.error !== undefined) return o.fail(printed.error).result();
      } else o.out(format.format === 'yaml' ? printYaml(value) : printJson(value));
    }
    if (errors.length > 0) o.fail(errors.join('\n'));
    return o.result();
  }

  const showKind = flagBool(f, 'show-kind') || new Set(groups.map((g) => g.rt)).size > 1;
  const noHeaders = flagBool(f, 'no-headers');
  let i = 0;
  while (i < groups.length) {
    // Consecutive requests of one type (`get pod a b`) print as one table.
    const rt = groups[i]!.rt;
    let objs = groups[i++]!.objs;
    while (i < groups.length && groups[i]!.rt === rt) objs = objs.concat(groups[i++]!.objs);
    const kind = rt.modelled as Kind;
    const table = printTable(kind, objs as KindMap[Kind][], {
      now: ctx.cluster.now(),
      wide: format.format === 'wide',
      withNamespace: allNs && rt.namespaced,
      showKind,
      noHeaders,
      showLabels: flagBool(f, 'show-labels'),
    });
    // kubectl separates the tables of different types with one empty line.
    if (o.stdout !== '' && table !== '' && !noHeaders) o.out('\n');
    o.out(table);
  }
  if (errors.length > 0) return o.fail(errors.join('\n')).result();
  if (o.stdout === '' && !ignoreNotFound) {
    const allNamespaced = !allNs && groups.every((g) => g.rt.namespaced);
    o.err(noResources(allNamespaced ? env.namespace : undefined));
  }
  return o.result();
}

export const getCommand: Command = {
  path: 'get',
  flags,
  unsupported: [
    { name: 'label-columns', shorthand: 'L', type: 'string' },
    { name: 'filename', shorthand: 'f', type: 'string' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
  ],
  help: GET_HELP,
  run: runGet,
};
