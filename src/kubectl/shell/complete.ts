/**
 * Tab completion for the terminal, in the spirit of bash with kubectl's completion loaded: the
 * command word, kubectl subcommands, resource types (plural and short names), object names in the
 * namespace the line would use (`-n` on the line, else the context's), `TYPE/NAME`, flags of the
 * command, and values for `-n` and `-o`. Pure: the line editor decides what to do with the
 * candidates (one completes, several list on the second Tab, none does nothing).
 */
import type { ClusterView, Kind } from '../../cluster/api';
import { kubectlCommandFlags, kubectlCommandPaths } from '../kubectl';
import { RESOURCE_TYPES, resolveResource } from '../resources';

export interface CompletionContext {
  cluster: ClusterView;
  namespace: string;
  /** The scenario's files (`cat`, `ls`, `kubectl apply -f`). */
  files?: Readonly<Record<string, string>>;
}

/** Every file and directory (with its trailing slash) of the working directory. */
function filePaths(files: Readonly<Record<string, string>> | undefined): string[] {
  const out = new Set<string>();
  for (const p of Object.keys(files ?? {})) {
    out.add(p);
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) out.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...out];
}

export interface Completion {
  /** Index in the line where the word being completed starts. */
  start: number;
  /** Whole words that could replace line[start..cursor), sorted, without duplicates. */
  candidates: string[];
}

/** The shell's own programs, first word of a line. */
export const SHELL_COMMANDS = ['cat', 'clear', 'date', 'echo', 'help', 'history', 'k', 'kubectl', 'ls', 'watch'];
/** What can follow a `|`. */
export const FILTER_COMMANDS = ['base64', 'cat', 'grep', 'head', 'sort', 'tail', 'wc'];

const OUTPUT_FORMATS = ['json', 'name', 'wide', 'yaml'];
const NAMESPACE_FLAGS = new Set(['-n', '--namespace']);
const VALUE_FLAGS = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '-c', '--container', '--context', '--kubeconfig', '--tail', '--to-revision', '--revision', '-v', '--v']);
/** Commands whose first argument is a resource type (or TYPE/NAME). */
const TAKES_TYPE = new Set(['get', 'describe', 'rollout history', 'rollout status', 'rollout undo', 'rollout restart', 'rollout pause', 'rollout resume', 'delete', 'edit', 'label', 'annotate', 'scale', 'patch', 'explain']);
/** Commands whose first argument is a pod (or TYPE/NAME). */
const TAKES_POD = new Set(['logs', 'exec', 'port-forward', 'attach', 'cp']);

const typeNames = (): string[] =>
  RESOURCE_TYPES.filter((rt) => resolveResource(rt.resource) !== undefined).flatMap((rt) => [rt.resource, ...rt.shortNames]);

function namesOf(view: ClusterView, typed: string, namespace: string): string[] {
  const rt = resolveResource(typed);
  if (rt?.modelled === undefined) return [];
  const kind: Kind = rt.modelled;
  return view.list(kind, rt.namespaced ? namespace : undefined).map((o) => o.metadata?.name ?? '');
}

function uniqueSorted(words: readonly string[], prefix: string): string[] {
  return [...new Set(words.filter((w) => w.startsWith(prefix)))].sort();
}

/** Words of `text` with their start offsets (a simple split: quotes are not expanded here). */
function words(text: string): { word: string; start: number }[] {
  const out: { word: string; start: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ word: m[0], start: m.index });
  return out;
}

export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const before = line.slice(0, cursor);
  const pipe = before.lastIndexOf('|');
  const segStart = pipe + 1;
  const seg = before.slice(segStart);
  const all = words(seg);
  const endsInSpace = seg === '' || /\s$/.test(seg);
  const current = endsInSpace ? '' : all[all.length - 1]!.word;
  const start = endsInSpace ? cursor : segStart + all[all.length - 1]!.start;
  let done = (endsInSpace ? all : all.slice(0, -1)).map((w) => w.word);
  const result = (candidates: readonly string[]): Completion => ({ start, candidates: uniqueSorted(candidates, current) });

  // `watch [-n SECS] [-t] CMD...`: complete CMD as a line of its own.
  if (done[0] === 'watch') {
    let i = 1;
    while (i < done.length && done[i]!.startsWith('-')) i += done[i] === '-n' || done[i] === '--interval' ? 2 : 1;
    if (i > done.length) return result([]);
    done = done.slice(i);
  }
  if (done.length === 0) return result(pipe >= 0 ? FILTER_COMMANDS : SHELL_COMMANDS);
  if (done[0] === 'cat' || done[0] === 'ls') return result(filePaths(ctx.files));
  if (done[0] !== 'kubectl' && done[0] !== 'k') return result([]);

  // kubectl: find the command words and the namespace the line asks for.
  const args = done.slice(1);
  let namespace = ctx.namespace;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (a.startsWith('--namespace=')) namespace = a.slice('--namespace='.length);
      else if (VALUE_FLAGS.has(a) && i + 1 < args.length) {
        if (NAMESPACE_FLAGS.has(a)) namespace = args[i + 1]!;
        i++;
      }
      continue;
    }
    positional.push(a);
  }
  const previous = done[done.length - 1]!;
  if (NAMESPACE_FLAGS.has(previous)) return result(ctx.cluster.list('Namespace').map((n) => n.metadata?.name ?? ''));
  if (previous === '-o' || previous === '--output') return result(OUTPUT_FORMATS);
  if (previous === '-f' || previous === '--filename' || previous === '--patch-file') return result(filePaths(ctx.files));
  if ((previous === '-c' || previous === '--container') && positional[1] !== undefined) {
    // `logs POD -c C`: the containers of that pod.
    const pod = ctx.cluster.get('Pod', namespace, positional[1]);
    return result([...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])].map((c) => c.name));
  }
  if (VALUE_FLAGS.has(previous)) return result([]);

  const paths = kubectlCommandPaths();
  const groups = new Set(paths.filter((p) => !p.includes(' ') && paths.some((q) => q.startsWith(`${p} `))));
  if (positional.length === 0) return result([...paths.filter((p) => !p.includes(' ')), 'help']);
  const head = positional[0]!;
  if (groups.has(head) && positional.length === 1) {
    return result(paths.filter((p) => p.startsWith(`${head} `)).map((p) => p.slice(head.length + 1)));
  }
  const path = groups.has(head) ? `${head} ${positional[1] ?? ''}` : head;
  const rest = positional.slice(groups.has(head) ? 2 : 1);

  if (current.startsWith('--namespace=')) {
    return result(ctx.cluster.list('Namespace').map((n) => `--namespace=${n.metadata?.name ?? ''}`));
  }
  if (current.startsWith('-o=') || current.startsWith('--output=')) {
    const flag = current.slice(0, current.indexOf('=') + 1);
    return result(OUTPUT_FORMATS.map((f) => flag + f));
  }
  if (current.startsWith('-')) {
    return result(kubectlCommandFlags(path).flatMap((f) => [`--${f.name}`, ...(f.shorthand !== undefined ? [`-${f.shorthand}`] : [])]));
  }
  if (current.includes('/')) {
    const slash = current.indexOf('/');
    const type = current.slice(0, slash);
    return result(namesOf(ctx.cluster, type, namespace).map((n) => `${type}/${n}`));
  }
  if (TAKES_TYPE.has(path)) {
    if (rest.length === 0) return result(typeNames());
    if (rest[0]!.includes('/')) return result([]);
    // `get pods,svc NAME`: names only make sense for one type.
    if (rest[0]!.includes(',')) return result([]);
    return result(namesOf(ctx.cluster, rest[0]!, namespace));
  }
  if (TAKES_POD.has(path) && rest.length === 0) return result(namesOf(ctx.cluster, 'pods', namespace));
  return result([]);
}
