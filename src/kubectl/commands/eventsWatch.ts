/**
 * `kubectl events -w`: kubectl 1.32's runWatch opens a watch (no list first), so the API server
 * sends every current Event as ADDED, in its storage order (namespace, then name), then each
 * create and update as it happens; deletions (the one-hour expiry) are not printed. Each watch
 * event is printed by the events printer (the header once, with the first row) and flushed on its
 * own through kubectl's tabwriter, which remembers column widths across flushes.
 *
 * The simulator has no watch stream: the follower compares resourceVersions once a second of sim
 * time, so several writes to one Event within that second show as one row.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { ClusterControl } from '../../cluster/api';
import type { Follower, FollowUpdate, ShellResult } from '../api';
import { FOLLOW_POLL_MS, PollGrid } from '../follow';
import { TABLE_TABWRITER, tabwrite } from '../printers/goTabwriter';
import { interval } from '../printers/events';

export interface EventsWatchOptions {
  cluster: ClusterControl;
  /** undefined: all namespaces. */
  namespace: string | undefined;
  keep: (e: Event) => boolean;
  noHeaders: boolean;
}

class EventRowPrinter {
  private readonly remembered: number[] = [];
  private headerPrinted: boolean;

  constructor(private readonly allNamespaces: boolean, noHeaders: boolean) {
    this.headerPrinted = noHeaders;
  }

  /** One watch event: its own flush. */
  print(e: Event, now: number): string {
    let text = '';
    if (!this.headerPrinted) {
      text += (this.allNamespaces ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n';
      this.headerPrinted = true;
    }
    if (this.allNamespaces) text += `${e.metadata?.namespace ?? ''}\t`;
    const io = e.involvedObject;
    text += `${interval(e, now)}\t${e.type ?? ''}\t${e.reason ?? ''}\t${io.kind ?? ''}/${io.name ?? ''}\t${(e.message ?? '').trim()}\n`;
    return tabwrite(text, { ...TABLE_TABWRITER, remembered: this.remembered });
  }
}

class EventsWatcher implements Follower {
  private readonly grid: PollGrid;
  private stopped = false;
  /** resourceVersion last printed, by namespace/name. */
  private seen = new Map<string, string>();

  constructor(
    private readonly opts: EventsWatchOptions,
    private readonly printer: EventRowPrinter,
    initial: readonly Event[],
  ) {
    this.grid = new PollGrid(opts.cluster.now(), FOLLOW_POLL_MS);
    for (const e of initial) this.seen.set(key(e), e.metadata?.resourceVersion ?? '');
  }

  nextAt(): number {
    return this.grid.nextAt();
  }

  poll(): FollowUpdate {
    const now = this.opts.cluster.now();
    this.grid.passed(now);
    if (this.stopped) return { stdout: '', stderr: '' };
    const changed: Event[] = [];
    const next = new Map<string, string>();
    for (const e of current(this.opts)) {
      const k = key(e);
      const rv = e.metadata?.resourceVersion ?? '';
      next.set(k, rv);
      if (this.seen.get(k) !== rv) changed.push(e);
    }
    this.seen = next;
    // In the order the API server wrote them.
    changed.sort((a, b) => Number(a.metadata?.resourceVersion ?? 0) - Number(b.metadata?.resourceVersion ?? 0));
    return { stdout: changed.map((e) => this.printer.print(e, now)).join(''), stderr: '' };
  }

  stop(): void {
    this.stopped = true;
    this.seen.clear();
  }
}

function current(opts: EventsWatchOptions): Event[] {
  return (opts.cluster.list('Event', opts.namespace) as Event[]).filter(opts.keep);
}

function key(e: Event): string {
  return `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`;
}

export function runEventsWatch(opts: EventsWatchOptions): ShellResult {
  const printer = new EventRowPrinter(opts.namespace === undefined, opts.noHeaders);
  const now = opts.cluster.now();
  const initial = current(opts);
  const stdout = initial.map((e) => printer.print(e, now)).join('');
  return { stdout, stderr: '', exitCode: 0, follow: new EventsWatcher(opts, printer, initial) };
}
