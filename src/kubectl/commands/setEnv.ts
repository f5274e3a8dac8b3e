/**
 * `kubectl set env (TYPE NAME | TYPE/NAME) KEY=VAL ... [KEY-] [--from=secret/NAME] [--list]`:
 * pkg/cmd/set/set_env.go.
 */
import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import type { AnyObject } from '../../cluster/api';
import { cloneJson, sameJson } from '../../cluster/json';
import { flagBool, flagString, flagStrings } from '../flags';
import { resolveResource } from '../resources';
import { noResourceType } from '../errors';
import { podSpecOf } from './podTemplates';
import { SET_ENV_HELP } from './writeHelpTexts';
import { dryRunOf, findObjects, nameLine } from './writeUtil';
import { type Command, type CommandEnv, Output } from './types';

const ENV_ARG = /^(.+)=(.*)$/s;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

type Parsed = { ok: true; env: EnvVar[]; remove: string[] } | { ok: false; message: string };

/** envutil.ParseEnv. */
function parseEnv(specs: string[]): Parsed {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const set = new Set<string>();
  for (const s of specs) {
    if (s === '-') return { ok: false, message: "error: when '-' is used, STDIN must be open" };
    if (s.includes('=')) {
      const i = s.indexOf('=');
      const name = s.slice(0, i);
      if (!ENV_NAME.test(name)) return { ok: false, message: `error: "${name}" is not a valid key name: ${ENV_NAME_MSG}` };
      set.add(name);
      env.push({ name, value: s.slice(i + 1) });
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else return { ok: false, message: `error: unknown environment variable: ${s}` };
  }
  if (remove.some((r) => set.has(r))) return { ok: false, message: 'error: can not both modify and remove the same environment variable in the same command' };
  return { ok: true, env, remove };
}

/** set.updateEnv: replace in place, drop removed, append new. */
function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: readonly string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = [...env].reverse().find((n) => n.name === e.name);
    if (newer !== undefined) {
      covered.add(e.name);
      out.push(newer);
      continue;
    }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

function refString(e: EnvVar): string {
  const f = e.valueFrom!;
  if (f.configMapKeyRef) return `configmap ${f.configMapKeyRef.name}, key ${f.configMapKeyRef.key}`;
  if (f.secretKeyRef) return `secret ${f.secretKeyRef.name}, key ${f.secretKeyRef.key}`;
  if (f.fieldRef) return `field path ${f.fieldRef.fieldPath}`;
  if (f.resourceFieldRef) return `resource field ${f.resourceFieldRef.containerName ? `${f.resourceFieldRef.containerName}/` : ''}${f.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

/** A shell-style glob (`-c 'api*'`), as selectContainers matches container names. */
export function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}

function run(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const { flags } = env;
  const selector = flagString(flags, 'selector') ?? '';
  const all = flagBool(flags, 'all');
  if (all && selector !== '') return o.fail('error: cannot set --all and --selector at the same time').result();
  // SplitEnvironmentFromResources: resources first, then environment arguments.
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const a of env.args) {
    const isEnv = ENV_ARG.test(a) || a.endsWith('-');
    if (isEnv) envArgs.push(a);
    else if (envArgs.length === 0) resources.push(a);
    else return o.fail(`error: all resources must be specified before environment changes: ${env.args.join(' ')}`).result();
  }
  const dry = dryRunOf(flags);
  if (!dry.ok) return o.fail(dry.message).result();
  const list = flagBool(flags, 'list');
  if (resources.length === 0) return o.fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>').result();
  if (list && flagString(flags, 'output') !== undefined) return o.fail('error: --list and --output may not be specified together').result();
  const keys = flagStrings(flags, 'keys').flatMap((k) => k.split(','));
  const from = flagString(flags, 'from') ?? '';
  if (keys.length > 0 && from === '') return o.fail('error: when specifying --keys, a configmap or secret must be provided with --from').result();

  const parsed = parseEnv([...flagStrings(flags, 'env'), ...envArgs]);
  if (!parsed.ok) return o.fail(parsed.message).result();
  const newEnv = [...parsed.env];

  const cluster = env.ctx.cluster;
  if (from !== '') {
    const slash = from.indexOf('/');
    const rt = resolveResource(slash >= 0 ? from.slice(0, slash) : from);
    if (rt === undefined) return o.fail(noResourceType(slash >= 0 ? from.slice(0, slash) : from)).result();
    if (slash < 0) return o.fail('error: resource(s) were provided, but no name was specified').result();
    const name = from.slice(slash + 1);
    if (rt.modelled !== 'Secret' && rt.modelled !== 'ConfigMap') return o.fail('error: unsupported resource specified in --from').result();
    const src = cluster.get(rt.modelled, env.namespace, name);
    if (src === undefined) return o.fail(`Error from server (NotFound): ${rt.resource} "${name}" not found`).result();
    const prefix = flagString(flags, 'prefix') ?? '';
    for (const key of Object.keys((src as { data?: Record<string, string> }).data ?? {}).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue;
      const envName = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (envName !== key) o.warn(`Warning: key ${key} transferred to ${envName}\n`);
      newEnv.push({
        name: prefix + envName,
        valueFrom: rt.modelled === 'Secret' ? { secretKeyRef: { key, name } } : { configMapKeyRef: { key, name } },
      });
    }
  }

  const found = findObjects({ ...env, args: resources }, { selector, all, requireNames: true });
  if (!found.ok) return o.fail(found.message).result();
  if (found.errors.length > 0) return o.fail(found.errors[0]!).result();
  const containerPattern = flagString(flags, 'containers') ?? '*';
  const overwrite = flagBool(flags, 'overwrite', true);
  const errs: string[] = [];
  for (const it of found.items) {
    const kind = it.rt.modelled;
    const name = it.obj.metadata?.name ?? '';
    const next = cloneJson(it.obj) as AnyObject;
    const spec = podSpecOf(kind, next);
    if (spec === undefined) {
      errs.push(`error: ${it.rt.resource}${it.rt.group === '' ? '' : `.${it.rt.group}`}/${name} the object is not a pod or does not have a pod template: *v1.${it.rt.kind}`);
      continue;
    }
    const containers = [...spec.containers, ...(spec.initContainers ?? [])].filter((c: Container) => globMatch(containerPattern, c.name));
    if (containers.length === 0) {
      o.warn(`Warning: ${it.rt.kind}/${name} does not have any containers matching "${containerPattern}"\n`);
      continue;
    }
    let failed = false;
    for (const c of containers) {
      const w = c as { env?: EnvVar[] };
      if (!overwrite) {
        const clash = (w.env ?? []).find((e) => newEnv.some((n) => n.name === e.name));
        if (clash !== undefined) {
          errs.push(`error: ${it.rt.resource}${it.rt.group === '' ? '' : `.${it.rt.group}`}/${name} '${clash.name}' already has a value (${clash.value ?? ''}), and --overwrite is false\n`);
          failed = true;
          break;
        }
      }
      const updated = updateEnv(w.env ?? [], newEnv, parsed.remove);
      if (updated.length > 0) w.env = updated;
      else delete w.env;
      if (list) {
        o.out(`# ${it.rt.kind} ${name}, container ${c.name}\n`);
        for (const e of updated) {
          if (e.valueFrom === undefined) o.out(`${e.name}=${e.value ?? ''}\n`);
          else o.out(`# ${e.name} from ${refString(e)}\n`);
        }
      }
    }
    if (list || failed || sameJson(next, it.obj)) continue;
    if (newEnv.length === 0 && envArgs.length === 0) return o.fail('error: at least one environment variable must be provided').result();
    if (dry.value === 'client') {
      o.out(nameLine(it.rt, name, 'env updated', 'client'));
      continue;
    }
    const res = cluster.replace(kind!, next, { dryRun: dry.value === 'server' });
    if (!res.ok) {
      errs.push(`error: failed to patch env update to pod template: ${res.message.replace(/^Error from server \((\w+)\): /, '')}`);
      continue;
    }
    o.out(nameLine(it.rt, name, 'env updated', dry.value));
  }
  for (const e of errs) o.fail(e);
  return o.result();
}

export const setEnvCommand: Command = {
  path: 'set env',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', shorthand: 'l', type: 'string' },
    { name: 'containers', shorthand: 'c', type: 'string' },
    { name: 'env', shorthand: 'e', type: 'stringArray' },
    { name: 'from', type: 'string' },
    { name: 'keys', type: 'stringArray' },
    { name: 'list', type: 'bool' },
    { name: 'overwrite', type: 'bool' },
    { name: 'prefix', type: 'string' },
    { name: 'dry-run', type: 'string' },
  ],
  unsupported: [
    { name: 'filename', shorthand: 'f', type: 'string' },
    { name: 'kustomize', shorthand: 'k', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'output', shorthand: 'o', type: 'string' },
    { name: 'recursive', shorthand: 'R', type: 'bool' },
    { name: 'resolve', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  help: SET_ENV_HELP,
  run,
};
