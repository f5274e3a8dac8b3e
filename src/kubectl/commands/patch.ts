/** `kubectl patch (TYPE NAME | TYPE/NAME) -p PATCH [--type strategic|merge|json]`. */
import type { AnyObject } from '../../cluster/api';
import { type FlagSpec, flagString } from '../flags';
import { lookupPath } from '../shell/files';
import { printJson, printName, printYaml } from '../printers/index';
import { qualifiedSingular } from '../resources';
import { type Json, type JsonObject, clone, isObject } from '../manifest/json';
import { JsonPatchDecodeError, JsonPatchError, applyJsonPatch, jsonKind, jsonMergePatch } from '../manifest/jsonPatch';
import { rootType } from '../manifest/mergeKeys';
import { parseJsonOrYaml } from '../manifest/parseValue';
import { PatchError, strategicMergePatch } from '../manifest/strategicMerge';
import { writeUpdate } from '../manifest/write';
import { parseOutput } from './output';
import { fetch, resolveTargets } from './targets';
import { type Command, type CommandEnv, Output } from './types';
import { PATCH_HELP } from './applyHelpTexts';

const flags: FlagSpec[] = [
  { name: 'patch', shorthand: 'p', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'output', shorthand: 'o', type: 'string' },
  { name: 'record', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
];

const unsupported: FlagSpec[] = [
  { name: 'filename', shorthand: 'f', type: 'string' },
  { name: 'kustomize', shorthand: 'k', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'subresource', type: 'string' },
  { name: 'recursive', shorthand: 'R', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'template', type: 'string' },
];

const PATCH_TYPES = ['json', 'merge', 'strategic'];

export const NO_RESOURCES =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** The patch applied to the object as JSON, or the server's error text. */
function patched(kind: string, live: AnyObject, type: string, patch: Json): { ok: true; value: JsonObject } | { ok: false; message: string } {
  const original = clone(live as unknown as JsonObject);
  try {
    if (type === 'json') {
      const out = applyJsonPatch(original, patch);
      if (!isObject(out)) return { ok: false, message: 'Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}' };
      return { ok: true, value: out };
    }
    if (!isObject(patch)) {
      return { ok: false, message: `Error from server (BadRequest): json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}` };
    }
    if (type === 'merge') {
      const out = jsonMergePatch(original, patch);
      return { ok: true, value: out as JsonObject };
    }
    return { ok: true, value: strategicMergePatch(original, patch, rootType(kind)) };
  } catch (e) {
    if (e instanceof JsonPatchDecodeError) return { ok: false, message: `Error from server (BadRequest): ${e.message}` };
    // The server answers a patch that does not apply with a 422 whose one cause has no field
    // (NewGenericServerResponse); kubectl's checkErr prints it as `: message`.
    if (e instanceof JsonPatchError) return { ok: false, message: `The request is invalid: : ${e.message}` };
    if (e instanceof PatchError) return { ok: false, message: `Error from server (BadRequest): ${e.message}` };
    throw e;
  }
}

function runPatch(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const { flags: f, ctx } = env;
  const format = parseOutput(flagString(f, 'output'));
  if (!format.ok || format.format === 'wide' || format.format === 'table') {
    const value = flagString(f, 'output') ?? '';
    if (!format.ok) return o.fail(format.message).result();
    if (value !== '') return o.fail(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`).result();
  }
  const inline = flagString(f, 'patch');
  const file = flagString(f, 'patch-file');
  if (inline !== undefined && inline !== '' && file !== undefined && file !== '') return o.fail('error: cannot specify --patch and --patch-file together').result();
  if ((inline === undefined || inline === '') && (file === undefined || file === '')) {
    return o.fail('error: must specify --patch or --patch-file containing the contents of the patch').result();
  }
  const typeFlag = flagString(f, 'type') ?? '';
  const type = typeFlag === '' ? 'strategic' : typeFlag.toLowerCase();
  if (!PATCH_TYPES.includes(type)) return o.fail(`error: --type must be one of [json merge strategic], not "${typeFlag}"`).result();
  let text = inline ?? '';
  if (file !== undefined && file !== '') {
    const found = lookupPath(ctx.files, file);
    if (found.kind !== 'file') return o.fail(`error: unable to read patch file: open ${file}: ${found.kind === 'dir' ? 'is a directory' : 'no such file or directory'}`).result();
    text = found.text;
  }
  const patch = parseJsonOrYaml(text);
  if (!patch.ok) return o.fail(patch.message).result();

  if (env.args.length === 0) return o.fail(NO_RESOURCES).result();
  const targets = resolveTargets(env.args);
  if (!targets.ok) return o.fail(targets.message).result();
  for (const req of targets.requests) {
    if (req.name === undefined) return o.fail('error: resource(s) were provided, but no name was specified').result();
    const got = fetch(ctx.cluster, req, env.namespace, []);
    if (got.error !== undefined) return o.fail(got.error).result();
    for (const { rt, obj } of got.found) {
      const kind = rt.modelled!;
      const next = patched(kind, obj, type, patch.value);
      if (!next.ok) return o.fail(next.message).result();
      const w = writeUpdate(ctx.cluster, kind, obj, next.value);
      if (!w.ok) return o.fail(w.message).result();
      if (format.format === 'yaml') o.out(printYaml(w.obj));
      else if (format.format === 'json') o.out(printJson(w.obj));
      else if (format.format === 'name') o.out(printName(w.obj));
      else o.out(`${qualifiedSingular(rt)}/${obj.metadata?.name ?? ''} patched${w.changed ? '' : ' (no change)'}\n`);
    }
  }
  return o.result();
}

export const patchCommand: Command = { path: 'patch', flags, unsupported, help: PATCH_HELP, run: runPatch };
