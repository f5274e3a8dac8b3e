/** cobra's "unknown command" error with its "Did you mean this?" suggestions. */

/** kubectl 1.32's top-level commands in the order cobra registers them (suggestions keep it). */
const KUBECTL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach',
  'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'config', 'plugin', 'version', 'api-versions', 'api-resources',
  'options',
];

/** Levenshtein distance, case-insensitive as cobra compares. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

export function suggestionsFor(typed: string): string[] {
  return KUBECTL_COMMANDS.filter((c) => distance(typed, c) <= 2 || c.startsWith(typed.toLowerCase()));
}

/** Whether kubectl has this command (even if Firedrill does not simulate it). */
export function isKubectlCommand(name: string): boolean {
  return KUBECTL_COMMANDS.includes(name);
}

export function unknownCommandMessage(typed: string): string {
  const s = suggestionsFor(typed);
  const tail = s.length === 0 ? '' : `\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}\n`;
  return `Error: unknown command "${typed}" for "kubectl"\n${tail}`;
}
