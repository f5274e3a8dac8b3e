/** kubectl's error wording, in one place so every command says it the same way. */
import type { ShellResult } from './api';
import type { ResourceType } from './resources';
import { qualifiedResource } from './resources';

export function fail(message: string, exitCode = 1): ShellResult {
  return { stdout: '', stderr: message.endsWith('\n') ? message : `${message}\n`, exitCode };
}

/** A bad flag or argument caught by the flag parser (cobra prints `Error:`, capitalised). */
export function flagError(path: string, message: string): ShellResult {
  return fail(`Error: ${message}\nSee 'kubectl${path === '' ? '' : ` ${path}`} --help' for usage.`);
}

/** kubectl's cmdutil.UsageErrorf: `error: ...` then a pointer to `-h`. */
export function usageError(path: string, message: string): ShellResult {
  return fail(`error: ${message}\nSee 'kubectl ${path} -h' for help and examples`);
}

/** An API 404 as kubectl prints it. */
export function notFoundMessage(rt: ResourceType, name: string): string {
  return `Error from server (NotFound): ${qualifiedResource(rt)} "${name}" not found`;
}

export function noResourceType(typed: string): string {
  return `error: the server doesn't have a resource type "${typed}"`;
}

/** Said, instead of pretending, when a real kubectl flag is outside what the simulator models. */
export function unsupportedFlag(path: string, flag: string): ShellResult {
  return fail(`error: ${flag} is not simulated in Firedrill (kubectl ${path} supports it on a real cluster)`);
}

/** `No resources found in NS namespace.` or, across namespaces, `No resources found`. */
export function noResources(namespace: string | undefined): string {
  return namespace === undefined ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
}
