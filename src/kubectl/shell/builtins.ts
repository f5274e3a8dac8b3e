/** The shell's own commands: clear, help, history, echo, date, ls, cat. */
import type { ShellContext, ShellResult } from '../api';
import { formatDate, gnuDateUtc } from './dates';
import { cat, ls } from './files';

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
  kubectl top pods                     CPU and memory use (top nodes: per node)
  kubectl exec POD -- env              run env, cat FILE, ls DIR, wget -qO- URL in a container
  kubectl explain pod.spec.containers  what a field means
  kubectl get pods -o jsonpath='{.items[*].metadata.name}'   (custom-columns= too)

Act:
  kubectl rollout history deployment/NAME
  kubectl rollout status deployment/NAME    follows the rollout until it is done
  kubectl rollout undo deployment/NAME [--to-revision=N]
  kubectl patch deployment NAME -p '{"spec":{"replicas":3}}'   (--type merge|json too)
  kubectl edit deployment/NAME         opens the object in an editor; save to apply it
  kubectl apply -f FILE                a manifest from the files here (ls, cat FILE)
  kubectl set image|env deployment/NAME ...   kubectl scale deployment/NAME --replicas=N
  kubectl rollout restart|pause|resume deployment/NAME
  kubectl delete pod NAME              the replica set replaces it
  kubectl create secret generic NAME --from-literal=KEY=VALUE   (create configmap too)

Settings:
  kubectl config set-context --current --namespace=NS    change the default namespace

Keep watching (Ctrl-C stops):
  kubectl get pods -w                  the table, then a row for each change (--watch-only: changes)
  kubectl logs -f POD                  new log lines as the container writes them
  watch -n 5 kubectl get deploy        re-run a command every 5 seconds, full screen

Shell:
  Tab completes commands, resource types, names and flags (press it twice to list choices);
  on an empty line, or after Escape, Tab moves focus out of the terminal.
  Up/Down and Ctrl-R (reverse search) recall earlier commands; history lists them.
  Pipes: | grep [-i -v -c -n -w -o -E] PATTERN, | head/tail [-n N], | wc [-l -w -c],
         | sort [-r -n -k N], | base64 -d, | cat
  Also: echo, date (the incident's clock, UTC), ls, cat FILE, clear (or Ctrl-L), help.
Short alias: k (k get po). Add --help to any kubectl command for its options.
`;

/** GNU date, always UTC (TZ=UTC in the game): no arguments, -u, and +FORMAT. */
function date(args: readonly string[], now: number): ShellResult {
  let format: string | undefined;
  for (const a of args) {
    if (a === '-u' || a === '--utc' || a === '--universal') continue;
    if (a.startsWith('+') && format === undefined) format = a.slice(1);
    else if (a.startsWith('-')) return { stdout: '', stderr: `date: invalid option -- '${a.slice(1, 2)}'\nTry 'date --help' for more information.\n`, exitCode: 1 };
    else return { stdout: '', stderr: `date: invalid date '${a}'\n`, exitCode: 1 };
  }
  return { stdout: `${format === undefined ? gnuDateUtc(now) : formatDate(format, now)}\n`, stderr: '', exitCode: 0 };
}

export function runBuiltin(argv: readonly string[], ctx: ShellContext): ShellResult | undefined {
  const [name, ...args] = argv;
  switch (name) {
    case 'clear':
      return { stdout: '', stderr: '', exitCode: 0, clear: true };
    case 'help':
      return { stdout: FIREDRILL_HELP, stderr: '', exitCode: 0 };
    case 'history': {
      // bash: `history N` shows the last N entries, numbered from the start.
      const n = args[0];
      if (n !== undefined && !/^\d+$/.test(n)) return { stdout: '', stderr: `bash: history: ${n}: numeric argument required\n`, exitCode: 1 };
      if (args.length > 1) return { stdout: '', stderr: 'bash: history: too many arguments\n', exitCode: 1 };
      const from = n === undefined ? 0 : Math.max(0, ctx.history.length - Number(n));
      return {
        stdout: ctx.history
          .slice(from)
          .map((l, i) => `${String(from + i + 1).padStart(5)}  ${l}\n`)
          .join(''),
        stderr: '',
        exitCode: 0,
      };
    }
    case 'date':
      return date(args, ctx.cluster.now());
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      return { stdout: noNewline ? text : `${text}\n`, stderr: '', exitCode: 0 };
    }
    case 'ls':
      return ls(args, ctx.files);
    case 'cat':
      // Without a file, cat would wait for the keyboard; there is nothing to read here.
      if (args.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
      return cat(args, ctx.files);
    default:
      return undefined;
  }
}
