/**
 * Runs `kubectl ARGS...`: finds the command the way cobra does (global flags may come first),
 * parses its flags, and hands over to the command.
 */
import type { ShellContext, ShellResult } from './api';
import { describeCommand } from './commands/describe';
import { eventsCommand } from './commands/events';
import { execCommand } from './commands/exec';
import { TOP_HELP, topCommands } from './commands/top';
import { explainCommand } from './commands/explain';
import { getCommand } from './commands/get';
import { patchCommand } from './commands/patch';
import { applyCommand } from './commands/apply';
import { editCommand } from './commands/edit';
import { logsCommand } from './commands/logs';
import { apiResourcesCommand, clusterInfoCommand, versionCommand } from './commands/misc';
import { rolloutHistoryCommand, rolloutStatusCommand, rolloutUndoCommand } from './commands/rollout';
import { CONFIG_GROUP_HELP, CONTEXT_NAME, configCommands } from './commands/config';
import { ROOT_HELP } from './commands/helpTexts';
import { isKubectlCommand, unknownCommandMessage } from './commands/unknown';
import { deleteCommand } from './commands/delete';
import { scaleCommand } from './commands/scale';
import { setImageCommand } from './commands/setImage';
import { setResourcesCommand } from './commands/setResources';
import { setEnvCommand } from './commands/setEnv';
import { createCmCommand, createConfigMapCommand, createSecretGenericCommand } from './commands/create';
import { rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand } from './commands/rolloutControl';
import { CREATE_HELP, CREATE_SECRET_HELP, ROLLOUT_GROUP_HELP, SET_HELP } from './commands/writeHelpTexts';
import type { Command } from './commands/types';
import { fail, flagError, unsupportedFlag } from './errors';
import { type FlagSpec, flagBool, flagString, parseFlags } from './flags';

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', shorthand: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', shorthand: 'v', type: 'int' },
  { name: 'help', shorthand: 'h', type: 'bool' },
];

/** Global flags that take a value in the next word (cobra must skip it to find the command). */
const GLOBAL_VALUE_WORDS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--request-timeout', '-v', '--v']);

const COMMANDS: Command[] = [
  getCommand,
  describeCommand,
  logsCommand,
  eventsCommand,
  rolloutHistoryCommand,
  rolloutStatusCommand,
  rolloutUndoCommand,
  versionCommand,
  apiResourcesCommand,
  clusterInfoCommand,
  ...configCommands,
  deleteCommand,
  scaleCommand,
  setImageCommand,
  setResourcesCommand,
  setEnvCommand,
  createSecretGenericCommand,
  createConfigMapCommand,
  createCmCommand,
  rolloutRestartCommand,
  rolloutPauseCommand,
  rolloutResumeCommand,
  execCommand,
  ...topCommands,
  explainCommand,
  patchCommand,
  applyCommand,
  editCommand,
];

const GROUPS: Record<string, string> = {
  rollout: ROLLOUT_GROUP_HELP,
  config: CONFIG_GROUP_HELP,
  set: SET_HELP,
  create: CREATE_HELP,
  'create secret': CREATE_SECRET_HELP,
  top: TOP_HELP,
};

/** Subcommands real kubectl has under each group that Firedrill does not simulate. */
const KNOWN_SUBCOMMANDS: Record<string, string[]> = {
  rollout: [],
  config: ['delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-credentials', 'unset'],
  set: ['selector', 'serviceaccount', 'subject'],
  create: ['clusterrole', 'clusterrolebinding', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'service', 'serviceaccount', 'token'],
  'create secret': ['docker-registry', 'tls'],
};

function split(argv: readonly string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      rest.push(a);
      if (GLOBAL_VALUE_WORDS.has(a) && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    // Words name the command while they extend a group (`create` -> `create secret` -> `create secret generic`).
    if (words.length === 0 || GROUPS[words.join(' ')] !== undefined) words.push(a);
    else rest.push(a);
  }
  return { words, rest };
}

function helpFor(words: readonly string[]): ShellResult | undefined {
  if (words.length === 0) return { stdout: ROOT_HELP, stderr: '', exitCode: 0 };
  const cmd = COMMANDS.find((c) => c.path === words.join(' '));
  if (cmd !== undefined) return { stdout: cmd.help, stderr: '', exitCode: 0 };
  const group = GROUPS[words.join(' ')];
  if (group !== undefined) return { stdout: group, stderr: '', exitCode: 0 };
  return undefined;
}

function notSimulated(name: string): ShellResult {
  return fail(`error: "kubectl ${name}" is not simulated in Firedrill. Run 'kubectl --help' for the commands you can use here.`);
}

/** `argv` excludes the leading `kubectl`. */
export function runKubectl(argv: readonly string[], ctx: ShellContext): ShellResult {
  const { words, rest } = split(argv);
  const head = words[0];

  if (head === 'help') {
    const topic = [...words.slice(1), ...rest.filter((r) => !r.startsWith('-'))];
    const h = helpFor(topic);
    if (h !== undefined) return h;
    return { stdout: `Unknown help topic [\`${topic.join(' ')}\`]\n${ROOT_HELP.slice(ROOT_HELP.indexOf('\n\n', ROOT_HELP.indexOf('Find more')))}`, stderr: '', exitCode: 0 };
  }

  if (head === undefined) {
    const parsed = parseFlags(rest, GLOBAL_FLAGS);
    if (!parsed.ok) return flagError('', parsed.error);
    return { stdout: ROOT_HELP, stderr: '', exitCode: 0 };
  }

  const groupPath = words.join(' ');
  if (GROUPS[groupPath] !== undefined && COMMANDS.every((c) => c.path !== groupPath)) {
    const parsed = parseFlags(rest, GLOBAL_FLAGS);
    if (!parsed.ok) return flagError(groupPath, parsed.error);
    const text = GROUPS[groupPath]!;
    return { stdout: text, stderr: '', exitCode: flagBool(parsed.value, 'help') ? 0 : 1 };
  }
  const group = GROUPS[head];

  const path = words.join(' ');
  const cmd = COMMANDS.find((c) => c.path === path);
  if (cmd === undefined) {
    if (group !== undefined) {
      // A subcommand that exists in kubectl but not here, or a typo.
      const parent = words.slice(0, -1).join(' ');
      const known = KNOWN_SUBCOMMANDS[parent] ?? [];
      if (known.includes(words[words.length - 1]!)) return notSimulated(path);
      return fail(`error: unknown command "${words[words.length - 1]}"\nSee 'kubectl ${parent} -h' for help and examples`);
    }
    if (isKubectlCommand(head)) return notSimulated(head);
    return fail(unknownCommandMessage(head));
  }

  const own = new Set(cmd.flags.map((f) => f.name));
  const specs = [...cmd.flags, ...(cmd.unsupported ?? []), ...GLOBAL_FLAGS.filter((g) => !own.has(g.name))];
  const parsed = parseFlags(rest, specs);
  if (!parsed.ok) return flagError(path, parsed.error);
  const flags = parsed.value;
  if (flagBool(flags, 'help')) return { stdout: cmd.help, stderr: '', exitCode: 0 };
  for (const u of cmd.unsupported ?? []) {
    if (flags.values.has(u.name)) return unsupportedFlag(path, `--${u.name}`);
  }
  const context = flagString(flags, 'context');
  if (context !== undefined && context !== CONTEXT_NAME) {
    return fail(`Error in configuration: context was not found for specified context: ${context}`);
  }
  const nsFlag = flagString(flags, 'namespace');
  const namespace = nsFlag !== undefined && nsFlag !== '' ? nsFlag : ctx.namespace;
  return cmd.run({ ctx, namespace, flags, args: flags.args });
}

/** The command paths kubectl knows here (`get`, `rollout undo`), for tab completion. */
export function kubectlCommandPaths(): string[] {
  return [...COMMANDS.map((c) => c.path), ...Object.keys(GROUPS)];
}

/** The flags `kubectl PATH` accepts (its own and the global ones), for tab completion. */
export function kubectlCommandFlags(path: string): readonly FlagSpec[] {
  const cmd = COMMANDS.find((c) => c.path === path);
  const own = cmd?.flags ?? [];
  const names = new Set(own.map((f) => f.name));
  return [...own, ...GLOBAL_FLAGS.filter((g) => !names.has(g.name))];
}
