/**
 * `kubectl config`: the one kubeconfig context Firedrill has (`firedrill`), whose namespace
 * `set-context --current --namespace=NS` changes.
 */
import { toYaml } from '../printers/yaml';
import { type FlagSpec, flagBool, flagString } from '../flags';
import { alignColumns } from '../tabwriter';
import {
  CONFIG_CURRENT_CONTEXT_HELP,
  CONFIG_GET_CONTEXTS_HELP,
  CONFIG_HELP,
  CONFIG_SET_CONTEXT_HELP,
  CONFIG_USE_CONTEXT_HELP,
  CONFIG_VIEW_HELP,
} from './helpTexts';
import { type Command, type CommandEnv, Output } from './types';

export const CONTEXT_NAME = 'firedrill';
export const API_SERVER = 'https://10.0.0.10:6443';

/** The kubeconfig `kubectl config view` shows (credentials redacted, as kubectl does). */
function kubeconfig(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: API_SERVER }, name: CONTEXT_NAME }],
    contexts: [{ context: { cluster: CONTEXT_NAME, namespace, user: CONTEXT_NAME }, name: CONTEXT_NAME }],
    'current-context': CONTEXT_NAME,
    kind: 'Config',
    preferences: {},
    users: [{ name: CONTEXT_NAME, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

const VIEW_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

/** The same kubeconfig in the field order of client-go's clientcmd v1.Config struct, as `-o json` prints it. */
function kubeconfigJson(namespace: string): Record<string, unknown> {
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: CONTEXT_NAME, cluster: { server: API_SERVER, 'certificate-authority-data': 'DATA+OMITTED' } }],
    users: [{ name: CONTEXT_NAME, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME, namespace } }],
    'current-context': CONTEXT_NAME,
  };
}

function runCurrentContext(): ReturnType<Command['run']> {
  return new Output().out(`${CONTEXT_NAME}\n`).result();
}

function runGetContexts(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const output = flagString(env.flags, 'output') ?? '';
  if (output !== '' && output !== 'name') {
    return o.fail(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`).result();
  }
  const wanted = env.args.length > 0 ? env.args : [CONTEXT_NAME];
  const unknown = wanted.filter((n) => n !== CONTEXT_NAME);
  if (output === 'name') {
    if (wanted.includes(CONTEXT_NAME)) o.out(`${CONTEXT_NAME}\n`);
  } else {
    const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
    if (wanted.includes(CONTEXT_NAME)) rows.push(['*', CONTEXT_NAME, CONTEXT_NAME, CONTEXT_NAME, env.ctx.namespace]);
    if (!flagBool(env.flags, 'no-headers') || rows.length > 1) o.out(alignColumns(flagBool(env.flags, 'no-headers') ? rows.slice(1) : rows));
  }
  if (unknown.length > 0) o.fail(unknown.map((n) => `error: context ${n} not found`).join('\n'));
  return o.result();
}

function runView(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const output = flagString(env.flags, 'output') ?? 'yaml';
  const cfg = kubeconfig(env.ctx.namespace);
  if (output === 'json') return o.out(`${JSON.stringify(kubeconfigJson(env.ctx.namespace), null, 4)}\n`).result();
  const base = output.split('=')[0]!;
  if (!VIEW_FORMATS.includes(base)) {
    return o.fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${VIEW_FORMATS.join(',')}`).result();
  }
  if (output !== 'yaml') return o.fail(`error: -o ${base} is not simulated in Firedrill; use -o yaml or -o json`).result();
  return o.out(toYaml(cfg)).result();
}

function runSetContext(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const current = flagBool(env.flags, 'current');
  const name = env.args[0];
  if (current && name !== undefined) return o.fail('error: you cannot specify both a context name and --current').result();
  if (!current && (name === undefined || name === '')) return o.fail('error: you must specify a non-empty context name or --current').result();
  if (name !== undefined && name !== CONTEXT_NAME) {
    return o.fail(`error: Firedrill has one context, "${CONTEXT_NAME}"; use --current to change it`).result();
  }
  const ns = flagString(env.flags, 'namespace');
  const res = o.out(`Context "${CONTEXT_NAME}" modified.\n`).result();
  return ns === undefined ? res : { ...res, namespace: ns };
}

function runUseContext(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const name = env.args[0];
  if (name === undefined) return o.out(CONFIG_USE_CONTEXT_HELP).fail('error: Unexpected args: []').result();
  if (name !== CONTEXT_NAME) return o.fail(`error: no context exists with the name: "${name}"`).result();
  return o.out(`Switched to context "${CONTEXT_NAME}".\n`).result();
}

const outputFlag: FlagSpec = { name: 'output', shorthand: 'o', type: 'string' };

export const configCommands: Command[] = [
  { path: 'config current-context', flags: [], help: CONFIG_CURRENT_CONTEXT_HELP, run: runCurrentContext },
  { path: 'config get-contexts', flags: [outputFlag, { name: 'no-headers', type: 'bool' }], help: CONFIG_GET_CONTEXTS_HELP, run: runGetContexts },
  {
    path: 'config view',
    flags: [outputFlag, { name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }, { name: 'flatten', type: 'bool' }],
    help: CONFIG_VIEW_HELP,
    run: runView,
  },
  {
    path: 'config set-context',
    // `--namespace` here is the context's field; the global -n/--namespace flag shares its name.
    flags: [{ name: 'current', type: 'bool' }, { name: 'cluster', type: 'string' }, { name: 'user', type: 'string' }],
    help: CONFIG_SET_CONTEXT_HELP,
    run: runSetContext,
  },
  { path: 'config use-context', flags: [], help: CONFIG_USE_CONTEXT_HELP, run: runUseContext },
  { path: 'config use', flags: [], help: CONFIG_USE_CONTEXT_HELP, run: runUseContext },
];

export const CONFIG_GROUP_HELP = CONFIG_HELP;
