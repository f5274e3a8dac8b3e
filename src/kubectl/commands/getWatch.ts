/**
 * `kubectl get -w|--watch|--watch-only`: the table once, then one row per change, as kubectl's
 * watch printing does (verified against kubectl 1.32 with a stub server that streams Table watch
 * events):
 *  - a list prints its table (nothing at all when empty), then each changed object as a row with
 *    no header; `--watch-only` skips the table, so the first change prints the header with it;
 *  - every print is its own tabwriter flush with remembered widths: a row's columns are as wide as
 *    the widest seen so far (`Running             0` after a `ContainerCreating` row);
 *  - a deleted object prints its last state once more;
 *  - several types: `error: you may only specify a single resource type`; several names: their
 *    table, then `error: you may only watch a single resource or type of resource at a time`.
 *
 * The simulator has no watch stream: the follower compares resourceVersions at each poll (once a
 * second of sim time), so several writes to one object within a second show as one row.
 */
import type { AnyObject, Kind, KindMap } from '../../cluster/api';
import type { ClusterControl } from '../../cluster/api';
import { rfc3339 } from '../../cluster/format';
import type { Follower, FollowUpdate, ShellResult } from '../api';
import { FOLLOW_POLL_MS, PollGrid } from '../follow';
import { TABLE_TABWRITER, tabwrite } from '../printers/goTabwriter';
import { printJson, printName, printYaml } from '../printers/index';
import { tableRows } from '../printers/table';
import type { ResourceType } from '../resources';
import { matches, type Requirement } from '../selector';
import type { TemplatePrinter } from './getTemplates';
import type { OutputFormat } from './output';
import type { Request } from './targets';
import { fetch } from './targets';

export interface WatchOptions {
  cluster: ClusterControl;
  requests: readonly Request[];
  /** undefined: all namespaces. */
  namespace: string | undefined;
  selector: readonly Requirement[];
  format: OutputFormat;
  noHeaders: boolean;
  showKind: boolean;
  watchOnly: boolean;
  ignoreNotFound: boolean;
  /** -o jsonpath|jsonpath-as-json|custom-columns: each object through the template printer. */
  template?: TemplatePrinter;
}

const fail = (message: string): ShellResult => ({ stdout: '', stderr: `${message}\n`, exitCode: 1 });

/** Prints objects the way the watch printer does, remembering column widths and headers. */
class WatchPrinter {
  private readonly remembered: number[] = [];
  private headerPrinted: boolean;
  private yamlDocs = 0;

  constructor(
    private readonly kind: Kind,
    private readonly opts: WatchOptions,
  ) {
    this.headerPrinted = opts.noHeaders;
  }

  print(objs: readonly AnyObject[], now: number): string {
    if (objs.length === 0) return '';
    switch (this.opts.format) {
      case 'name':
        return objs.map((o) => printName(o)).join('');
      case 'json':
        return objs.map((o) => printJson(o)).join('');
      case 'yaml':
        // kubectl's YAML printer separates documents after the first with `---`.
        return objs.map((o) => (this.yamlDocs++ > 0 ? '---\n' : '') + printYaml(o)).join('');
      case 'jsonpath':
      case 'jsonpath-as-json':
        // Each object on its own (the watch prints list items one by one).
        return objs.map((o) => this.opts.template?.print(o).text ?? '').join('');
      case 'custom-columns': {
        // The header once, for the first object; widths remembered across flushes.
        const text = this.opts.template?.print({ kind: 'List', items: objs }, { noHeaders: this.headerPrinted, remembered: this.remembered }).text ?? '';
        this.headerPrinted = true;
        return text;
      }
      default: {
        const rows = tableRows(this.kind, objs as KindMap[Kind][], {
          now,
          wide: this.opts.format === 'wide',
          withNamespace: this.opts.namespace === undefined && this.opts.requests[0]!.rt.namespaced,
          showKind: this.opts.showKind,
          noHeaders: this.headerPrinted,
        });
        this.headerPrinted = true;
        return tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), { ...TABLE_TABWRITER, remembered: this.remembered });
      }
    }
  }
}

class GetWatcher implements Follower {
  private readonly grid: PollGrid;
  private stopped = false;
  /** Objects last seen, by namespace/name, with the resourceVersion seen. */
  private seen = new Map<string, AnyObject>();

  constructor(
    private readonly opts: WatchOptions,
    private readonly kind: Kind,
    private readonly printer: WatchPrinter,
    initial: readonly AnyObject[],
  ) {
    this.grid = new PollGrid(opts.cluster.now(), FOLLOW_POLL_MS);
    for (const o of initial) this.seen.set(key(o), o);
  }

  nextAt(): number {
    return this.grid.nextAt();
  }

  private current(): AnyObject[] {
    const { cluster, requests, namespace, selector } = this.opts;
    const req = requests[0]!;
    const ns = req.rt.namespaced ? namespace : undefined;
    if (req.name !== undefined) {
      const obj = cluster.get(this.kind, ns, req.name);
      return obj === undefined ? [] : [obj];
    }
    return cluster.list(this.kind, ns).filter((o) => matches(selector, o.metadata?.labels));
  }

  poll(): FollowUpdate {
    const now = this.opts.cluster.now();
    this.grid.passed(now);
    if (this.stopped) return { stdout: '', stderr: '' };
    const changed: AnyObject[] = [];
    const next = new Map<string, AnyObject>();
    for (const o of this.current()) {
      const k = key(o);
      next.set(k, o);
      const before = this.seen.get(k);
      if (before === undefined || before.metadata?.resourceVersion !== o.metadata?.resourceVersion) changed.push(o);
    }
    // Changes in the order the API server made them; deletions after (they have no new version).
    changed.sort((a, b) => Number(a.metadata?.resourceVersion ?? 0) - Number(b.metadata?.resourceVersion ?? 0));
    for (const [k, o] of this.seen) if (!next.has(k)) changed.push(deleted(o, now));
    this.seen = next;
    // Each watch event is its own flush.
    const stdout = changed.map((o) => this.printer.print([o], now)).join('');
    return { stdout, stderr: '' };
  }

  stop(): void {
    this.stopped = true;
    this.seen.clear();
  }
}

/**
 * A DELETED event carries the object's final state. Polling may not have seen it: a pod deleted
 * within the second was being deleted, so it shows as `Terminating`, as kubectl's row would.
 */
function deleted(o: AnyObject, now: number): AnyObject {
  if (o.kind !== 'Pod' || o.metadata?.deletionTimestamp !== undefined) return o;
  return { ...o, metadata: { ...o.metadata, deletionTimestamp: rfc3339(now) } } as AnyObject;
}

function key(o: AnyObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export function runGetWatch(opts: WatchOptions): ShellResult {
  const types = new Set<ResourceType>(opts.requests.map((r) => r.rt));
  if (types.size > 1) return fail('error: you may only specify a single resource type');
  const rt = opts.requests[0]!.rt;
  const found: AnyObject[] = [];
  const errors: string[] = [];
  for (const req of opts.requests) {
    const got = fetch(opts.cluster, req, opts.namespace, opts.selector);
    found.push(...got.found.map((f) => f.obj));
    if (got.error !== undefined && !opts.ignoreNotFound) errors.push(got.error);
  }
  if (errors.length > 0) return fail(errors.join('\n'));
  if (rt.modelled === undefined) {
    // A kind the simulator does not model: an empty collection that never changes.
    return { stdout: '', stderr: '', exitCode: 0, follow: idleFollower(opts.cluster) };
  }
  const printer = new WatchPrinter(rt.modelled, opts);
  const now = opts.cluster.now();
  const stdout = opts.watchOnly ? '' : printer.print(found, now);
  if (opts.requests.filter((r) => r.name !== undefined).length > 1) {
    return { stdout, stderr: 'error: you may only watch a single resource or type of resource at a time\n', exitCode: 1 };
  }
  return { stdout, stderr: '', exitCode: 0, follow: new GetWatcher(opts, rt.modelled, printer, found) };
}

/** Follows nothing (a watch on a kind with no objects here) until Ctrl-C. */
export function idleFollower(cluster: ClusterControl): Follower {
  const grid = new PollGrid(cluster.now(), 60_000);
  return {
    nextAt: () => grid.nextAt(),
    poll: () => {
      grid.passed(cluster.now());
      return { stdout: '', stderr: '' };
    },
    stop: () => undefined,
  };
}
