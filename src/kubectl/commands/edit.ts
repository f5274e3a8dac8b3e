/**
 * `kubectl edit (TYPE NAME | TYPE/NAME)`: the object as YAML under kubectl's comment header, for
 * an editor the caller provides (ShellResult.edit). Saving applies the change; an invalid change
 * or a syntax error reopens the file with the reasons at the top, as kubectl does; an unchanged
 * file cancels. Follows kubectl's pkg/cmd/util/editor/editoptions.go.
 */
import type { AnyObject, Kind } from '../../cluster/api';
import type { EditRequest, ShellContext, ShellResult } from '../api';
import type { FlagSpec } from '../flags';
import { printYaml } from '../printers/index';
import { type ResourceType, qualifiedResource, qualifiedSingular } from '../resources';
import { type JsonObject, clone, deepEqual, isObject } from '../manifest/json';
import { rootType } from '../manifest/mergeKeys';
import { threeWayMerge } from '../manifest/strategicMerge';
import { writeUpdate } from '../manifest/write';
import { YAML_NOT_READY, yamlParser } from '../manifest/yamlParser';
import { NO_RESOURCES } from './patch';
import { fetch, resolveTargets } from './targets';
import type { Command, CommandEnv } from './types';
import { EDIT_HELP } from './applyHelpTexts';

const flags: FlagSpec[] = [
  { name: 'output', shorthand: 'o', type: 'string' },
  { name: 'record', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'windows-line-endings', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
];

const unsupported: FlagSpec[] = [
  { name: 'filename', shorthand: 'f', type: 'string' },
  { name: 'kustomize', shorthand: 'k', type: 'string' },
  { name: 'recursive', shorthand: 'R', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'output-patch', type: 'bool' },
];

export const EDIT_HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

interface Reason {
  head: string;
  other: string[];
}

/** editHeader.writeTo: the header, then each reason (`# head:` and `# * cause` lines). */
function header(reasons: readonly Reason[]): string {
  let out = EDIT_HEADER;
  const hashed = (s: string): string => s.replace(/\n(?!#)/g, '\n# ');
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashed(r.head)}:\n` : `# ${hashed(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashed(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** cmdutil.ManualStrip: drop comment lines (but not `#!`). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!')))
    .join('\n');
}

/** cmdutil.StripComments: the YAML's meaning when it parses, else the text without comments. */
function sameContent(a: string, b: string): boolean {
  const parse = yamlParser();
  const pa = parse?.(a);
  const pb = parse?.(b);
  if (pa?.ok === true && pb?.ok === true) return deepEqual(pa.docs[0] ?? null, pb.docs[0] ?? null);
  return manualStrip(a) === manualStrip(b);
}

function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** A name like the one os.CreateTemp gives kubectl's file, derived from the sim clock. */
function tempPath(now: number, name: string): string {
  let h = Math.floor(now / 1000) >>> 0;
  for (const ch of name) h = (Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0);
  return `/tmp/kubectl-edit-${h}.yaml`;
}

interface Target {
  ctx: ShellContext;
  rt: ResourceType;
  kind: Kind;
  namespace: string | undefined;
  name: string;
  /** The object as the editor first showed it. */
  original: JsonObject;
  originalText: string;
  path: string;
}

const done = (stdout: string, stderr: string, exitCode: number): ShellResult => ({ stdout, stderr, exitCode });

function preserved(t: Target, message: string): ShellResult {
  return done('', `A copy of your changes has been stored to "${t.path}"\n${message}\n`, 1);
}

/** One opening of the editor. `previous` is the text saved last time when reopening on an error. */
function open(t: Target, reasons: readonly Reason[], previous: string | undefined): EditRequest {
  const text = header(reasons) + (previous === undefined ? t.originalText : manualStrip(previous));
  const reopen = (why: Reason[], edited: string, stderr = ''): ShellResult => ({ stdout: '', stderr, exitCode: 0, edit: open(t, why, edited) });
  /** Set by submit when the change was written to the cluster. */
  let applied = false;
  const request: EditRequest = {
    text,
    path: t.path,
    close(saved) {
      applied = false;
      const result = request.submit(saved);
      return { result, applied };
    },
    submit(saved) {
      applied = false;
      const edited = saved ?? text;
      if (previous !== undefined && sameContent(previous, edited)) return preserved(t, 'error: Edit cancelled, no valid changes were saved.');
      if (sameContent(t.originalText, edited)) return done('', 'Edit cancelled, no changes made.\n', 0);
      if (!hasLines(edited)) return done('', 'Edit cancelled, saved file was empty.\n', 0);
      const parse = yamlParser();
      if (parse === undefined) return done('', `${YAML_NOT_READY}\n`, 1);
      const parsed = parse(edited);
      const docs = parsed.ok ? parsed.docs.filter((d) => d !== null && d !== undefined) : [];
      if (!parsed.ok || docs.length !== 1 || !isObject(docs[0])) {
        const why = !parsed.ok
          ? `error converting YAML to JSON: yaml: ${parsed.line !== undefined ? `line ${parsed.line}: ` : ''}${parsed.message}`
          : docs.length === 0
            ? 'no objects found'
            : docs.length > 1
              ? 'only one object may be edited at a time'
              : 'Object cannot be decoded';
        return reopen([{ head: `The edited file had a syntax error: ${why}`, other: [] }], edited);
      }
      const obj = docs[0] as JsonObject;
      const meta = isObject(obj.metadata) ? obj.metadata : {};
      const origMeta = t.original.metadata as JsonObject;
      if (obj.apiVersion !== t.original.apiVersion || obj.kind !== t.original.kind || meta.name !== origMeta.name) {
        return preserved(t, 'error: At least one of apiVersion, kind and name was changed');
      }
      if (t.namespace !== undefined && typeof meta.namespace === 'string' && meta.namespace !== t.namespace) {
        return preserved(
          t,
          `error: the namespace from the provided object "${meta.namespace}" does not match the namespace "${t.namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`,
        );
      }
      const label = `${qualifiedSingular(t.rt)}/${t.name}`;
      if (deepEqual(obj, t.original)) return done(`${label} skipped\n`, '', 0);
      const qres = qualifiedResource(t.rt);
      const live = t.ctx.cluster.get(t.kind, t.namespace, t.name);
      if (live === undefined) {
        return done('', `error: ${qres} "${t.name}" could not be found on the server\nThe edits you made on deleted resources have been saved to "${t.path}"\n`, 1);
      }
      // The change the learner made (original -> edited) applied to the object as it is now.
      const merged = threeWayMerge(clone(live as unknown as JsonObject), t.original, obj, rootType(t.kind));
      const w = writeUpdate(t.ctx.cluster, t.kind, live, merged);
      if (w.ok) {
        applied = true;
        return done(`${label} edited\n`, '', 0);
      }
      const invalidHead = `The ${t.kind} "${t.name}" is invalid: `;
      if (w.message.startsWith(invalidHead)) {
        const rest = w.message.slice(invalidHead.length);
        const causes = rest.startsWith('\n') ? rest.slice(1).split('\n').map((l) => l.replace(/^\* /, '')) : [rest];
        return reopen([{ head: `${qres} "${t.name}" was not valid`, other: causes }], edited, `error: ${qres} "${t.name}" is invalid\n`);
      }
      const plain = w.message.replace(/^Error from server \([A-Za-z]+\): /, '');
      return done('', `error: ${qres} "${t.name}" could not be patched: ${plain}\nYou can run \`kubectl replace -f ${t.path}\` to try this update again.\n`, 1);
    },
  };
  return request;
}

function runEdit(env: CommandEnv): ShellResult {
  const { ctx } = env;
  if (env.args.length === 0) return done('', `${NO_RESOURCES}\n`, 1);
  const output = env.flags.values.get('output');
  if (output !== undefined && output !== 'yaml') {
    return done('', `error: -o ${String(output)} is not simulated in Firedrill for kubectl edit; the editor shows YAML\n`, 1);
  }
  if (yamlParser() === undefined) return done('', `${YAML_NOT_READY}\n`, 1);
  const targets = resolveTargets(env.args);
  if (!targets.ok) return done('', `${targets.message}\n`, 1);
  const found: { rt: ResourceType; obj: AnyObject }[] = [];
  for (const req of targets.requests) {
    const got = fetch(ctx.cluster, req, env.namespace, []);
    if (got.error !== undefined) return done('', `${got.error}\n`, 1);
    found.push(...got.found);
  }
  if (found.length === 0) return done('', 'error: edit cancelled, no objects found\n', 1);
  if (found.length > 1) {
    return done('', 'error: editing several objects at once (a List) is not simulated in Firedrill; name one object, e.g. kubectl edit deployment/NAME\n', 1);
  }
  const { rt, obj } = found[0]!;
  const name = obj.metadata?.name ?? '';
  const target: Target = {
    ctx,
    rt,
    kind: rt.modelled!,
    namespace: obj.metadata?.namespace,
    name,
    original: clone(obj as unknown as JsonObject),
    originalText: printYaml(obj),
    path: tempPath(ctx.cluster.now(), name),
  };
  return { stdout: '', stderr: '', exitCode: 0, edit: open(target, [], undefined) };
}

export const editCommand: Command = { path: 'edit', flags, unsupported, help: EDIT_HELP, run: runEdit };
