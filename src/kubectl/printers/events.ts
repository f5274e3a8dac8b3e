/**
 * `kubectl events`: its own printer (pkg/cmd/events), not the `get events` table. kubectl sorts
 * the list it got from the server with Go's (unstable) sort.Sort by eventTime(), so the events
 * given here should be in the API server's order (namespace, then name).
 */
import type { Event } from 'kubernetes-types/core/v1';
import { since } from './duration';
import { goSort } from './goSort';
import { TABLE_TABWRITER, tabwrite } from './goTabwriter';

/** The time kubectl orders events by: series last observation, else lastTimestamp, else eventTime. */
function eventTime(e: Event): number {
  const t = e.series?.lastObservedTime || e.lastTimestamp || e.eventTime || '';
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? -Infinity : ms;
}

export function interval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** The order `kubectl events` prints in, for every output format. */
export function sortEventsLikeKubectl(events: readonly Event[]): Event[] {
  return goSort(events, (a, b) => eventTime(a) < eventTime(b));
}

export function renderEventsCommand(events: readonly Event[], opts: { now: number; withNamespace?: boolean; noHeaders?: boolean }): string {
  const sorted = sortEventsLikeKubectl(events);
  let text = '';
  if (!opts.noHeaders) text += (opts.withNamespace ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n';
  for (const e of sorted) {
    if (opts.withNamespace) text += `${e.metadata.namespace ?? ''}\t`;
    const io = e.involvedObject;
    text += `${interval(e, opts.now)}\t${e.type ?? ''}\t${e.reason ?? ''}\t${io.kind ?? ''}/${io.name ?? ''}\t${(e.message ?? '').trim()}\n`;
  }
  return tabwrite(text, TABLE_TABWRITER);
}
