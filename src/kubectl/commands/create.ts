/**
 * `kubectl create secret generic NAME --from-literal=k=v...` and `kubectl create configmap NAME
 * --from-literal=k=v...`: pkg/cmd/create/create_secret.go and create_configmap.go.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import type { AnyObject } from '../../cluster/api';
import { base64 } from '../../cluster/objects/infra';
import { flagString, flagStrings } from '../flags';
import { toJson } from '../printers/json';
import { toYaml } from '../printers/yaml';
import { usageError } from '../errors';
import { CREATE_CONFIGMAP_HELP, CREATE_SECRET_GENERIC_HELP } from './writeHelpTexts';
import { apiMessage, dryRunOf } from './writeUtil';
import { type Command, type CommandEnv, Output } from './types';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type Kind = 'Secret' | 'ConfigMap';

function runCreate(env: CommandEnv, kind: Kind, path: string): ReturnType<Command['run']> {
  const o = new Output();
  if (env.args.length !== 1) return usageError(path, `exactly one NAME is required, got ${env.args.length}`);
  const name = env.args[0]!;
  const dry = dryRunOf(env.flags);
  if (!dry.ok) return o.fail(dry.message).result();
  const output = flagString(env.flags, 'output') ?? '';
  if (output !== '' && output !== 'yaml' && output !== 'json' && output !== 'name') {
    return o.fail(`error: -o ${output.split('=')[0]} is not simulated in Firedrill; use -o yaml, -o json or -o name`).result();
  }
  const data: Record<string, string> = {};
  for (const lit of flagStrings(env.flags, 'from-literal')) {
    // util.ParseLiteralSource: the key is everything before the first '='.
    const i = lit.indexOf('=');
    if (i <= 0) return o.fail(`error: invalid literal source ${lit}, expected key=value`).result();
    const key = lit.slice(0, i);
    const value = lit.slice(i + 1);
    if (!CONFIG_KEY.test(key)) {
      return o.fail(`error: "${key}" is not valid key name for a ${kind === 'Secret' ? 'Secret' : 'ConfigMap'} ${CONFIG_KEY_MSG}`).result();
    }
    if (data[key] !== undefined) return o.fail(`error: cannot add key ${key}, another key by that name already exists`).result();
    data[key] = kind === 'Secret' ? base64(value) : value;
  }
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(data).sort()) sorted[k] = data[k]!;
  // The namespace is written into the object only when -n was given (EnforceNamespace).
  const explicitNs = flagString(env.flags, 'namespace');
  const metadata: Record<string, unknown> = { creationTimestamp: null, name };
  if (explicitNs !== undefined && explicitNs !== '') metadata.namespace = explicitNs;
  const typ = flagString(env.flags, 'type') ?? '';
  let obj: Secret | ConfigMap;
  if (kind === 'Secret') {
    obj = { apiVersion: 'v1', kind: 'Secret', metadata: metadata as Secret['metadata'] } as Secret;
    if (Object.keys(sorted).length > 0) (obj as { data?: Record<string, string> }).data = sorted;
    if (typ !== '') (obj as { type?: string }).type = typ;
  } else {
    obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata as ConfigMap['metadata'] } as ConfigMap;
    if (Object.keys(sorted).length > 0) (obj as { data?: Record<string, string> }).data = sorted;
  }
  let shown: AnyObject = obj;
  if (dry.value !== 'client') {
    const toCreate = { ...obj, metadata: { name, namespace: env.namespace } } as Secret;
    const res = kind === 'Secret' ? env.ctx.cluster.create('Secret', toCreate, { dryRun: dry.value === 'server' }) : env.ctx.cluster.create('ConfigMap', toCreate as ConfigMap, { dryRun: dry.value === 'server' });
    if (!res.ok) return o.fail(`error: failed to create ${kind === 'Secret' ? 'secret' : 'configmap'} ${apiMessage(res.message, '')}`).result();
    shown = res.value;
  }
  const resource = kind === 'Secret' ? 'secret' : 'configmap';
  if (output === 'yaml') return o.out(toYaml(shown)).result();
  if (output === 'json') return o.out(toJson(shown)).result();
  if (output === 'name') return o.out(`${resource}/${name}\n`).result();
  const suffix = dry.value === 'client' ? ' (dry run)' : dry.value === 'server' ? ' (server dry run)' : '';
  return o.out(`${resource}/${name} created${suffix}\n`).result();
}

const COMMON_UNSUPPORTED = [
  { name: 'from-file', type: 'stringArray' as const },
  { name: 'from-env-file', type: 'stringArray' as const },
  { name: 'append-hash', type: 'bool' as const },
  { name: 'save-config', type: 'bool' as const },
  { name: 'template', type: 'string' as const },
];

export const createSecretGenericCommand: Command = {
  path: 'create secret generic',
  flags: [
    { name: 'from-literal', type: 'stringArray' },
    { name: 'type', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', shorthand: 'o', type: 'string' },
    { name: 'field-manager', type: 'string' },
    { name: 'validate', type: 'string' },
  ],
  unsupported: COMMON_UNSUPPORTED,
  help: CREATE_SECRET_GENERIC_HELP,
  run: (env) => runCreate(env, 'Secret', 'create secret generic'),
};

export const createConfigMapCommand: Command = {
  path: 'create configmap',
  flags: [
    { name: 'from-literal', type: 'stringArray' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', shorthand: 'o', type: 'string' },
    { name: 'field-manager', type: 'string' },
    { name: 'validate', type: 'string' },
  ],
  unsupported: COMMON_UNSUPPORTED,
  help: CREATE_CONFIGMAP_HELP,
  run: (env) => runCreate(env, 'ConfigMap', 'create configmap'),
};

/** `kubectl create cm`: cobra's alias of `create configmap`. */
export const createCmCommand: Command = { ...createConfigMapCommand, path: 'create cm' };
