import type { ClusterView } from '../../src/cluster/api';

/**
 * The instants at which to render our output so that one of them is equivalent to the instant real
 * kubectl measured its ages against, somewhere in [startedAt, endedAt] (its whole run).
 *
 * kubectl's ages truncate (duration.HumanDuration of time.Since), so an age ticks when the clock
 * passes timestamp + k seconds. metav1.Time has whole seconds, so most ages tick on whole seconds;
 * events.k8s.io events (the scheduler's Scheduled, series) carry a MicroTime eventTime or
 * lastObservedTime with a fraction, so theirs tick at that fraction of every second. kubectl's
 * output is therefore constant between consecutive ticks, and rendering at every tick inside the
 * run (plus its start) covers every output kubectl could have printed. Stepping a whole second
 * from startedAt does not: a run that crosses a whole second but not an event's fraction (or the
 * reverse) printed a mix that no such step reproduces.
 *
 * The stub serves server-side tables (kubectl get) measured at the whole second of its own clock,
 * which may be the second startedAt falls in: that instant is included too.
 */
export function kubectlInstants(view: ClusterView, startedAt: number, endedAt: number): number[] {
  const fractions = new Set<number>([0]);
  for (const e of view.list('Event')) {
    for (const ts of [e.eventTime, e.series?.lastObservedTime]) {
      const ms = ts ? Date.parse(ts) : NaN;
      if (!Number.isNaN(ms)) fractions.add(((ms % 1000) + 1000) % 1000);
    }
  }
  const out = new Set<number>([Math.floor(startedAt / 1000) * 1000, startedAt]);
  for (let s = Math.floor(startedAt / 1000) * 1000; s <= endedAt; s += 1000) {
    for (const f of fractions) if (s + f >= startedAt && s + f <= endedAt) out.add(s + f);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Whether `actual` is what kubectl could print while the clock moved on: output is written top to
 * bottom, and the tables of a multi-type `get` are each measured when the stub serves that type,
 * so each blank-line-separated block must be ours at some instant, no earlier than the block
 * before it. `candidates` are our outputs at the instants, in time order.
 */
export function matchesProgressively(actual: string, candidates: readonly string[]): boolean {
  if (candidates.includes(actual)) return true;
  const blocks = actual.split('\n\n');
  const per = candidates.map((c) => c.split('\n\n'));
  if (blocks.length < 2 || per.some((p) => p.length !== blocks.length)) return false;
  let from = 0;
  for (let i = 0; i < blocks.length; i++) {
    let found = -1;
    for (let k = from; k < per.length; k++) {
      if (per[k]![i] === blocks[i]) {
        found = k;
        break;
      }
    }
    if (found < 0) return false;
    from = found;
  }
  return true;
}
