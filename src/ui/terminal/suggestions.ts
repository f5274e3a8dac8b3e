/**
 * Tappable command suggestions for phones (no Tab key, awkward typing): common kubectl commands,
 * filled in from what the learner's own `kubectl get pods` showed (the first pod that is not
 * ready, its namespace, its deployment). Nothing here looks at the simulated cluster: a
 * suggestion never names what the learner has not seen. Pure, so it is unit tested; only the
 * lazily loaded suggestions bar imports it.
 */

/** What the learner has seen: a pod worth a closer look, where it lives, what owns it. */
export interface SeenPods {
  pod: string;
  /** Set when the listing named a namespace other than the prompt's (`-n`, `-A`). */
  namespace?: string;
  /** The Deployment, when the pod's name has the Deployment's `<name>-<hash>-<id>` shape. */
  deployment?: string;
}

export interface Suggestion {
  /** Short, visible on the button. */
  label: string;
  /** The line put on the command line. */
  line: string;
  /** Where the cursor goes: where the learner types the missing name, or the end. */
  cursor: number;
}

const GET_PODS = /^\s*kubectl\s+(?:.*\s)?get\s+(?:pods?|po)(?:\s|$)/;

/** The namespace a kubectl line names (`-n x`, `-nx`, `--namespace x`, `--namespace=x`), if any. */
export function namespaceFlag(line: string): string | undefined {
  const m = /(?:^|\s)(?:-n\s*|--namespace[=\s]\s*)([a-z0-9][-a-z0-9.]*)/.exec(line);
  return m?.[1];
}

/**
 * What a `kubectl get pods` line and its output show, or undefined if the line is something else
 * or listed no pods. `promptNamespace` is the namespace kubectl used by default.
 */
export function seenPods(line: string, stdout: string, promptNamespace: string): SeenPods | undefined {
  if (!GET_PODS.test(line)) return undefined;
  const rows = stdout.split('\n').filter((r) => r.trim() !== '');
  const header = rows[0]?.trim().split(/\s+/) ?? [];
  const nameAt = header.indexOf('NAME');
  const statusAt = header.indexOf('STATUS');
  const readyAt = header.indexOf('READY');
  if (nameAt < 0) return undefined;
  const nsAt = header.indexOf('NAMESPACE');
  const pods = rows.slice(1).map((r) => r.trim().split(/\s+/));
  const notReady = (cells: string[]) => {
    const status = cells[statusAt] ?? '';
    const [ready, total] = (cells[readyAt] ?? '').split('/');
    return (status !== 'Running' && status !== 'Completed') || (total !== undefined && ready !== total);
  };
  const chosen = pods.find(notReady) ?? pods[0];
  const pod = chosen?.[nameAt];
  if (chosen === undefined || pod === undefined) return undefined;
  const namespace = (nsAt >= 0 ? chosen[nsAt] : undefined) ?? namespaceFlag(line);
  const deployment = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(pod)?.[1];
  return {
    pod,
    ...(namespace !== undefined && namespace !== promptNamespace ? { namespace } : {}),
    ...(deployment !== undefined ? { deployment } : {}),
  };
}

/** The last `kubectl get pods` in a restored transcript ("<prompt> $ line", its output, …). */
export function seenPodsInTranscript(transcript: string, promptNamespace: string): SeenPods | undefined {
  const lines = transcript.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const command = /\$ (kubectl\s.*)$/.exec(lines[i] ?? '')?.[1];
    if (command === undefined || !GET_PODS.test(command)) continue;
    const output: string[] = [];
    for (let j = i + 1; j < lines.length && !/\) \$ /.test(lines[j] ?? ''); j++) output.push(lines[j] ?? '');
    const seen = seenPods(command, output.join('\n'), promptNamespace);
    if (seen !== undefined) return seen;
  }
  return undefined;
}

function at(label: string, line: string, cursor = line.length): Suggestion {
  return { label, line, cursor };
}

/** The suggestions, most useful first; those missing a name leave the cursor where it goes. */
export function suggestions(seen: SeenPods | undefined): Suggestion[] {
  const ns = seen?.namespace !== undefined ? ` -n ${seen.namespace}` : '';
  const pod = seen?.pod;
  const deploy = seen?.deployment;
  const logs = 'kubectl logs ';
  return [
    at('get pods', `kubectl get pods${ns}`),
    pod !== undefined ? at('describe pod', `kubectl describe pod ${pod}${ns}`) : at('describe pod', 'kubectl describe pod '),
    pod !== undefined ? at('logs --previous', `${logs}${pod}${ns} --previous`) : at('logs --previous', `${logs} --previous`, logs.length),
    at('get events', `kubectl get events${ns}`),
    deploy !== undefined
      ? at('rollout history', `kubectl rollout history deployment/${deploy}${ns}`)
      : at('rollout history', 'kubectl rollout history deployment/'),
    deploy !== undefined ? at('rollout undo', `kubectl rollout undo deployment/${deploy}${ns}`) : at('rollout undo', 'kubectl rollout undo deployment/'),
  ];
}

/**
 * The keys that put `line` on the command line in place of what was typed, the cursor at
 * `cursor`, without running it: Ctrl-E and Ctrl-U (clear the line, as in bash), the text (control
 * characters dropped, so a suggestion can never press Enter), then ← back to the cursor.
 */
export function lineInput(line: string, cursor = line.length): string {
  // eslint-disable-next-line no-control-regex -- keeping control characters out is the point
  const text = [...line.replace(/[\x00-\x1f\x7f]+/g, ' ')];
  const left = text.length - Math.max(0, Math.min(text.length, cursor));
  return `\x05\x15${text.join('')}${'\x1b[D'.repeat(left)}`;
}
