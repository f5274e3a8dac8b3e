/** `kubectl version`, `kubectl api-resources`, `kubectl cluster-info`. */
import { type FlagSpec, flagBool, flagString } from '../flags';
import { RESOURCE_TYPES } from '../resources';
import { alignColumns } from '../tabwriter';
import { API_RESOURCES_HELP, CLUSTER_INFO_HELP, VERSION_HELP } from './helpTexts';
import { API_SERVER } from './config';
import { type Command, type CommandEnv, Output } from './types';

export const CLIENT_VERSION = 'v1.32.4';
export const SERVER_VERSION = 'v1.32.4';
const KUSTOMIZE_VERSION = 'v5.5.0';

function runVersion(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  if (env.args.length > 0) return o.fail(`error: Unexpected args: [${env.args.join(' ')}]`).result();
  const output = flagString(env.flags, 'output') ?? '';
  if (output !== '') return o.fail(`error: -o ${output} is not simulated in Firedrill`).result();
  o.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (!flagBool(env.flags, 'client')) o.out(`Server Version: ${SERVER_VERSION}\n`);
  return o.result();
}

function runApiResources(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const namespaced = env.flags.values.get('namespaced');
  const output = flagString(env.flags, 'output') ?? '';
  const types = RESOURCE_TYPES.filter((t) => namespaced === undefined || t.namespaced === namespaced);
  if (output === 'name') {
    return o.out(types.map((t) => (t.group === '' ? t.resource : `${t.resource}.${t.group}`) + '\n').join('')).result();
  }
  if (output !== '') return o.fail(`error: -o ${output} is not simulated in Firedrill; use -o name`).result();
  const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
  for (const t of types) {
    rows.push([t.resource, t.shortNames.join(','), t.group === '' ? t.version : `${t.group}/${t.version}`, String(t.namespaced), t.kind]);
  }
  return o.out(alignColumns(flagBool(env.flags, 'no-headers') ? rows.slice(1) : rows)).result();
}

function runClusterInfo(): ReturnType<Command['run']> {
  // kubectl colours the names; Firedrill's terminals stay plain so output can be compared.
  return new Output()
    .out(
      `Kubernetes control plane is running at ${API_SERVER}\n` +
        `CoreDNS is running at ${API_SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n` +
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    )
    .result();
}

const outputFlag: FlagSpec = { name: 'output', shorthand: 'o', type: 'string' };

export const versionCommand: Command = { path: 'version', flags: [{ name: 'client', type: 'bool' }, outputFlag], help: VERSION_HELP, run: runVersion };
export const apiResourcesCommand: Command = {
  path: 'api-resources',
  flags: [{ name: 'namespaced', type: 'bool' }, outputFlag, { name: 'no-headers', type: 'bool' }],
  help: API_RESOURCES_HELP,
  run: runApiResources,
};
export const clusterInfoCommand: Command = { path: 'cluster-info', flags: [], help: CLUSTER_INFO_HELP, run: runClusterInfo };
