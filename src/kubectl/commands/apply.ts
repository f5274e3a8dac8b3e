/**
 * `kubectl apply -f FILE|DIR` (client-side apply) over the files the scenario provides: creates
 * what is missing, three-way merges what exists (last-applied configuration, file, live object)
 * and records the file in the `kubectl.kubernetes.io/last-applied-configuration` annotation.
 */
import type { AnyObject, Kind } from '../../cluster/api';
import { type FlagSpec, flagString } from '../flags';
import { lookupPath } from '../shell/files';
import { printName } from '../printers/index';
import { RESOURCE_TYPES, type ResourceType, qualifiedResource, qualifiedSingular } from '../resources';
import { type JsonObject, clone, compactJson, deepEqual, isObject } from '../manifest/json';
import { readManifest } from '../manifest/manifest';
import { rootType } from '../manifest/mergeKeys';
import { threeWayMerge } from '../manifest/strategicMerge';
import { writeCreate, writeUpdate } from '../manifest/write';
import { type Command, type CommandEnv, Output } from './types';
import { APPLY_HELP } from './applyHelpTexts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const flags: FlagSpec[] = [
  { name: 'filename', shorthand: 'f', type: 'string' },
  { name: 'output', shorthand: 'o', type: 'string' },
  { name: 'validate', type: 'string' },
  { name: 'record', type: 'bool' },
  { name: 'overwrite', type: 'bool' },
];

const unsupported: FlagSpec[] = [
  { name: 'kustomize', shorthand: 'k', type: 'string' },
  { name: 'recursive', shorthand: 'R', type: 'bool' },
  { name: 'prune', type: 'bool' },
  { name: 'server-side', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'force', type: 'bool' },
  { name: 'selector', shorthand: 'l', type: 'string' },
  { name: 'wait', type: 'bool' },
  { name: 'field-manager', type: 'string' },
];

const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

/** `(name, text)` of the manifests a path names: the file, or a directory's manifest files. */
function inputs(files: CommandEnv['ctx']['files'], path: string): { ok: true; list: [string, string][] } | { ok: false; message: string } {
  const found = lookupPath(files, path);
  if (found.kind === 'file') return { ok: true, list: [[path, found.text]] };
  if (found.kind === 'missing') return { ok: false, message: `error: the path "${path}" does not exist` };
  const list: [string, string][] = [];
  for (const entry of found.entries) {
    const child = `${path.replace(/\/+$/, '')}/${entry}`;
    const sub = lookupPath(files, child);
    if (sub.kind === 'file' && MANIFEST_EXTENSIONS.some((e) => entry.endsWith(e))) list.push([child, sub.text]);
  }
  return { ok: true, list };
}

function resourceTypeOf(obj: JsonObject): ResourceType | undefined {
  const apiVersion = String(obj.apiVersion);
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return RESOURCE_TYPES.find((rt) => rt.kind === obj.kind && rt.group === group && rt.version === version);
}

/**
 * What kubectl sends and stores: the object from the file with the annotation holding the file's
 * own JSON (GetModifiedConfiguration: Go's json encoding, keys sorted, a trailing newline, and an
 * empty `annotations` map when the file had none).
 */
function withLastApplied(obj: JsonObject): JsonObject {
  const meta: JsonObject = isObject(obj.metadata) ? { ...obj.metadata } : {};
  const annotations: JsonObject = isObject(meta.annotations) ? { ...meta.annotations } : {};
  delete annotations[LAST_APPLIED];
  const bare: JsonObject = { ...obj, metadata: { ...meta, annotations } };
  const recorded = `${compactJson(bare)}\n`;
  return { ...obj, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: recorded } } };
}

function lastAppliedOf(live: AnyObject): JsonObject | undefined {
  const text = live.metadata?.annotations?.[LAST_APPLIED];
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Kinds the simulator's API validates and defaults on create (src/cluster/writes.ts). */
const WRITABLE: ReadonlySet<Kind> = new Set<Kind>(['Namespace', 'Service', 'Deployment', 'ReplicaSet', 'Pod', 'Secret', 'ConfigMap', 'Job']);

function applyOne(env: CommandEnv, source: string, raw: JsonObject, o: Output): boolean {
  const { ctx } = env;
  const meta = isObject(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const rt = resourceTypeOf(raw);
  if (rt === undefined) {
    o.fail(
      `error: resource mapping not found for name: "${name}" namespace: "${typeof meta.namespace === 'string' ? meta.namespace : ''}" from "${source}": no matches for kind "${String(raw.kind)}" in version "${String(raw.apiVersion)}"\nensure CRDs are installed first`,
    );
    return false;
  }
  if (rt.modelled === undefined || !WRITABLE.has(rt.modelled)) {
    o.fail(`error: kubectl apply of ${rt.kind} objects is not simulated in Firedrill (${source})`);
    return false;
  }
  const kind: Kind = rt.modelled;
  const explicitNs = flagString(env.flags, 'namespace');
  let namespace: string | undefined;
  if (rt.namespaced) {
    const own = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
    if (own !== undefined && explicitNs !== undefined && explicitNs !== '' && own !== explicitNs) {
      o.fail(`error: the namespace from the provided object "${own}" does not match the namespace "${explicitNs}". You must pass '--namespace=${own}' to perform this operation.`);
      return false;
    }
    namespace = own ?? env.namespace;
  }
  // The resource builder sets the namespace it resolved on the object (so it is recorded too).
  const obj: JsonObject = { ...raw, metadata: { ...meta, ...(namespace !== undefined ? { namespace } : {}) } };
  if (name === '') {
    o.fail(`error: error when retrieving current configuration of:\nResource: "${rt.group === '' ? '' : `${rt.group}/`}${rt.version}, Resource=${rt.resource}", GroupVersionKind: "${rt.group === '' ? '' : `${rt.group}/`}${rt.version}, Kind=${rt.kind}"\nName: "", Namespace: "${namespace ?? ''}"\nfrom server for: "${source}": resource name may not be empty`);
    return false;
  }
  const modified = withLastApplied(obj);
  const label = `${qualifiedSingular(rt)}/${name}`;
  const printed = (verb: string, stored: AnyObject): void => {
    if (flagString(env.flags, 'output') === 'name') o.out(printName(stored));
    else o.out(`${label} ${verb}\n`);
  };
  const live = ctx.cluster.get(kind, namespace, name);
  if (live === undefined) {
    const w = writeCreate(ctx.cluster, kind, namespace, modified);
    if (!w.ok) {
      o.fail(w.message.replace(/^(Error from server \([A-Za-z]+\): )/, `$1error when creating "${source}": `));
      return false;
    }
    printed('created', w.obj);
    return true;
  }
  const last = lastAppliedOf(live);
  if (live.metadata?.annotations?.[LAST_APPLIED] === undefined) {
    o.warn(
      `Warning: resource ${qualifiedResource(rt)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const current = clone(live as unknown as JsonObject);
  const merged = threeWayMerge(current, last, modified, rootType(kind));
  if (deepEqual(merged, current)) {
    printed('unchanged', live);
    return true;
  }
  const w = writeUpdate(ctx.cluster, kind, live, merged);
  if (!w.ok) {
    o.fail(w.message.replace(/^(Error from server \([A-Za-z]+\): )/, `$1error when applying patch to "${source}": `));
    return false;
  }
  printed(w.changed ? 'configured' : 'unchanged', w.obj);
  return true;
}

function runApply(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const output = flagString(env.flags, 'output');
  if (output !== undefined && output !== '' && output !== 'name') {
    return o.fail(`error: -o ${output} is not simulated in Firedrill for kubectl apply; use -o name`).result();
  }
  const path = flagString(env.flags, 'filename');
  if (env.args.length > 0 && path === undefined) {
    return o.fail(`error: Unexpected args: [${env.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`).result();
  }
  if (path === undefined || path === '') return o.fail('error: must specify one of -f and -k').result();
  if (path === '-') {
    return o.fail('error: kubectl apply -f - (reading a manifest from standard input) is not simulated in Firedrill; apply one of the files here instead (ls lists them)').result();
  }
  if (/^https?:\/\//.test(path)) return o.fail(`error: kubectl apply -f URL is not simulated in Firedrill; apply one of the files here instead (ls lists them)`).result();
  const found = inputs(env.ctx.files, path);
  if (!found.ok) return o.fail(found.message).result();
  let count = 0;
  for (const [source, text] of found.list) {
    const read = readManifest(text, source);
    if (!read.ok) return o.fail(read.message).result();
    for (const obj of read.objects) {
      count++;
      applyOne(env, source, obj, o);
    }
  }
  if (count === 0 && o.exitCode === 0) return o.fail('error: no objects passed to apply').result();
  return o.result();
}

export const applyCommand: Command = { path: 'apply', flags, unsupported, help: APPLY_HELP, run: runApply };
