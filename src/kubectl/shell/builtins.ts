/** The shell's own commands: clear, help, history, echo. */
import type { ShellContext, ShellResult } from '../api';

export const FIREDRILL_HELP = `Firedrill terminal: a simulated kubectl against this incident's cluster.

Look around:
  kubectl get pods                     pods in the current namespace (the prompt shows it)
  kubectl get deploy,rs,svc            several kinds at once
  kubectl get pods -o wide             more columns (IP, node)
  kubectl get pod NAME -o yaml         the whole object
  kubectl get events                   what the cluster recorded (or: kubectl events)
  kubectl get pods -A                  every namespace

Dig in:
  kubectl describe pod NAME            status, containers, recent events
  kubectl describe deployment NAME     strategy, replica sets, events
  kubectl logs POD                     container output (-p: the previous, crashed run)
  kubectl logs deploy/NAME             logs of one pod of a deployment

Act:
  kubectl rollout history deployment/NAME
  kubectl rollout status deployment/NAME
  kubectl rollout undo deployment/NAME [--to-revision=N]

Settings:
  kubectl config set-context --current --namespace=NS    change the default namespace

Shell: clear (or Ctrl-L), history, echo, and pipes into grep, head, tail, wc -l.
Short alias: k (k get po). Add --help to any kubectl command for its options.
`;

export function runBuiltin(argv: readonly string[], ctx: ShellContext): ShellResult | undefined {
  const [name, ...args] = argv;
  switch (name) {
    case 'clear':
      return { stdout: '', stderr: '', exitCode: 0, clear: true };
    case 'help':
      return { stdout: FIREDRILL_HELP, stderr: '', exitCode: 0 };
    case 'history': {
      const width = 5;
      return {
        stdout: ctx.history.map((l, i) => `${String(i + 1).padStart(width)}  ${l}\n`).join(''),
        stderr: '',
        exitCode: 0,
      };
    }
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      return { stdout: noNewline ? text : `${text}\n`, stderr: '', exitCode: 0 };
    }
    default:
      return undefined;
  }
}
