/**
 * Event recording as client-go's record package does it (tools/record/events_cache.go):
 * per reporting process, an aggregator (ten distinct messages for the same object and reason
 * within ten minutes collapse into "(combined from similar events): ..."), a logger that turns
 * a repeat of the same event into count+1 on the same Event object, and a spam filter (a token
 * bucket of 25, refilled once per 5 minutes, per source+object+type) that drops API writes but
 * not counts. The API server deletes an Event one hour after its last write.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import { EventQueue } from './clock';
import type { Store } from './store';
import { microTime, rfc3339 } from './format';
import { fnv32a, type Prng } from './names';

export const EVENT_TTL_MS = 60 * 60 * 1000;
const AGGREGATE_MAX = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventHost {
  store: Store;
  uids: Prng;
  /** Run `fn` at sim time `at` (used for the one-hour expiry). */
  schedule(at: number, fn: () => void): void;
}

interface LogEntry {
  count: number;
  first: number;
  name: string;
  /** namespace/name, once known. */
  id?: string;
  /** This Event's held-back write and the batch it belongs to (see EventRecorder.write). */
  pending?: PendingWrite;
  batch?: number;
}

interface AggregateRecord {
  messages: Set<string>;
  last: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Event names are `<object>.<UnixNano in hex>`; sub-millisecond digits come from a hash. */
function eventName(objectName: string, at: number, salt: string): string {
  const nanos = BigInt(Math.floor(at)) * 1_000_000n + BigInt(fnv32a(`${salt}@${at}`) % 1_000_000);
  return `${objectName}.${nanos.toString(16)}`;
}

/**
 * Event writes, optionally held back: while a lazy crash loop catches up (hours of restarts in one
 * go) an Event is written every few minutes of sim time, but only its last state can be seen, so
 * writes in a batch are merged per Event and reach the store when the batch ends.
 */
class EventWriter {
  private depth = 0;
  /** Which batch is open (0: none); a held-back write belongs to the batch it was made in. */
  batch = 0;
  private batches = 0;
  private pending = new Map<string, PendingWrite>();
  /** Told the last write time of every Event a batch wrote, when the batch ends. */
  onFlush: (key: string, namespace: string, name: string, at: number) => void = () => {};

  constructor(private store: Store) {}

  begin(): void {
    if (this.depth++ === 0) this.batch = ++this.batches;
  }

  end(): void {
    if (--this.depth > 0) return;
    this.batch = 0;
    const all = [...this.pending];
    this.pending.clear();
    for (const [key, p] of all) {
      if (p.repeat !== undefined) {
        const fields: EventFields = { count: p.repeat.count, lastTimestamp: rfc3339(p.repeat.at), message: p.repeat.message };
        if (p.create !== undefined) Object.assign(p.create, fields);
        else p.fields = fields;
      }
      if (p.create !== undefined) this.store.create('Event', p.create, p.at);
      else if (p.fields !== undefined) this.store.replaceFields('Event', p.namespace, p.name, { ...p.fields });
      if (p.repeat !== undefined) this.onFlush(key, p.namespace, p.name, p.repeat.at);
    }
  }

  /** Whether `p` is the write held back for `key` in the open batch. */
  holds(key: string, p: PendingWrite): boolean {
    return this.pending.get(key) === p;
  }

  /** `key` is the store's own key for the Event (namespace/name). */
  exists(key: string): boolean {
    return this.pending.get(key)?.create !== undefined || this.store.hasKey('Event', key);
  }

  /** The held-back write of an Event in the open batch (undefined outside a batch). */
  create(key: string, event: Event, at: number): PendingWrite | undefined {
    if (this.depth === 0) {
      this.store.create('Event', event, at);
      return undefined;
    }
    const meta = event.metadata!;
    const p: PendingWrite = { namespace: meta.namespace ?? '', name: meta.name ?? '', create: event, at };
    this.pending.set(key, p);
    return p;
  }

  update(key: string, namespace: string, name: string, fields: EventFields): PendingWrite | undefined {
    if (this.depth === 0) {
      this.store.replaceFields('Event', namespace, name, { ...fields });
      return undefined;
    }
    let p = this.pending.get(key);
    if (p !== undefined) {
      p.repeat = undefined;
      if (p.create !== undefined) Object.assign(p.create, fields);
      else p.fields = fields;
    } else {
      p = { namespace, name, at: 0, fields };
      this.pending.set(key, p);
    }
    return p;
  }

  delete(key: string, namespace: string, name: string): void {
    this.pending.delete(key);
    this.store.delete('Event', namespace, name);
  }
}

/**
 * An Event's write held back in a batch. `repeat`: later writes of the same Event in the batch
 * that only moved count, last timestamp and message (the recorder's fast path: a lazy crash
 * loop writes the same few Events every few minutes for hours); spelled out when the batch ends.
 */
interface PendingWrite {
  namespace: string;
  name: string;
  create?: Event;
  at: number;
  fields?: EventFields;
  repeat?: { count: number; at: number; message: string };
  /** The sim time of the last write (for the hour after which the API server drops the Event). */
  lastAt?: number;
}

interface EventFields {
  count: number;
  lastTimestamp: string;
  message: string;
}

/**
 * Last write time per Event and the hour after it. Expired Events go when the cluster is next
 * looked at (`expire`), not on a timer of their own: a lazily played crash loop may still
 * refresh an Event it wrote, and a recorder writing to an Event past its hour starts a new one,
 * as it would find the old one gone.
 */
class EventExpiry {
  private writtenAt = new Map<string, number>();
  /** Events with an expiry check queued (one at a time each: a rewrite re-arms it when it comes). */
  private armed = new Set<string>();
  private due = new EventQueue();

  constructor(private writer: EventWriter) {}

  touched(key: string, namespace: string, name: string, at: number): void {
    this.writtenAt.set(key, at);
    if (this.armed.has(key)) return;
    this.armed.add(key);
    this.arm(key, namespace, name, at + EVENT_TTL_MS);
  }

  private arm(key: string, namespace: string, name: string, at: number): void {
    this.due.schedule(at, () => {
      const last = this.writtenAt.get(key);
      if (last === undefined) {
        this.armed.delete(key);
        return;
      }
      // Written again since: check again an hour after that write.
      if (last + EVENT_TTL_MS > at) {
        this.arm(key, namespace, name, last + EVENT_TTL_MS);
        return;
      }
      this.armed.delete(key);
      this.writtenAt.delete(key);
      this.writer.delete(key, namespace, name);
    });
  }

  /** Whether the Event was last written more than an hour before `at` (the API server dropped it). */
  expired(key: string, namespace: string, name: string, at: number): boolean {
    const last = this.writtenAt.get(key);
    if (last === undefined || last + EVENT_TTL_MS > at) return false;
    this.writtenAt.delete(key);
    this.writer.delete(key, namespace, name);
    return true;
  }

  /** Delete every Event whose hour is over by `now`. */
  expire(now: number): void {
    for (let t = this.due.peekTime(); t !== undefined && t <= now; t = this.due.peekTime()) this.due.pop()!.run();
  }
}

/** One process's recorder (kubelet on a node, a controller, ...). */
/** An event's keys, built once (see EventRecorder.prepare). */
export interface PreparedEvent {
  ref: ObjectReference;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  state: ObjectState;
  typeReason: string;
  aggregateKey: string;
  plainKey: string;
  combinedMessage: string;
}

/** What one recorder keeps about one involved object (client-go keys these by object, among others). */
interface ObjectState {
  /** By type and reason. */
  aggregates: Map<string, AggregateRecord>;
  /** By field path, type, reason and message (or the aggregate's key for combined events). */
  logger: Map<string, LogEntry>;
  /** The spam filter's token bucket, by type. */
  buckets: Map<string, Bucket>;
}

export class EventRecorder {
  private objects = new Map<string, ObjectState>();

  constructor(
    private host: EventHost,
    private expiry: EventExpiry,
    private writer: EventWriter,
    readonly source: EventSource,
  ) {}

  record(ref: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string, at: number): void {
    this.recordEach(ref, type, reason, message, 1, () => at);
  }

  /**
   * The same event `count` times: at `first`, then every `step` ms, as that many record calls
   * would. The keys are built once, and while the spam filter has no token the repeats only add
   * to the count, so a long series (a probe failing every 10 s for hours) costs a step per write.
   */
  recordSeries(ref: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string, first: number, step: number, count: number): void {
    this.recordEach(ref, type, reason, message, count, (i) => first + i * step);
  }

  /** The same event `count` times, at `timeAt(0)`, `timeAt(1)`, ... (ascending). */
  recordRun(ref: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string, count: number, timeAt: (i: number) => number): void {
    this.recordEach(ref, type, reason, message, count, timeAt);
  }

  private recordEach(ref: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string, n: number, timeAt: (i: number) => number): void {
    if (n <= 0) return;
    this.recordPrepared(this.prepare(ref, type, reason, message), n, timeAt);
  }

  /**
   * The keys of one event (object, type, reason, message), built once: a caller recording the
   * same event many times (a crash loop's back-off) keeps it and calls `recordPrepared`.
   */
  prepare(ref: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): PreparedEvent {
    // A uid names one object; refs without one fall back to what identifies the object.
    const objectKey = ref.uid || [ref.kind, ref.namespace, ref.name, ref.apiVersion].join('\u0000');
    let state = this.objects.get(objectKey);
    if (state === undefined) {
      state = { aggregates: new Map(), logger: new Map(), buckets: new Map() };
      this.objects.set(objectKey, state);
    }
    const typeReason = `${type}\u0000${reason}`;
    return {
      ref,
      type,
      reason,
      message,
      state,
      typeReason,
      aggregateKey: `\u0001${typeReason}`,
      plainKey: `${ref.fieldPath ?? ''}\u0000${typeReason}\u0000${message}`,
      combinedMessage: `(combined from similar events): ${message}`,
    };
  }

  /** `p` recorded once, at `at`. */
  recordPreparedAt(p: PreparedEvent, at: number): void {
    this.single = at;
    this.recordPrepared(p, 1, this.singleAt);
  }

  /** `p` recorded at `times[from]` ... `times[from + n - 1]` (ascending). */
  recordPreparedTimes(p: PreparedEvent, times: readonly number[], n: number, from = 0): void {
    this.times = times;
    this.timesFrom = from;
    this.recordPrepared(p, n, this.timesAt);
  }

  private single = 0;
  private readonly singleAt = (): number => this.single;
  private times: readonly number[] = [];
  private timesFrom = 0;
  private readonly timesAt = (i: number): number => this.times[this.timesFrom + i]!;

  /** `p` recorded `n` times, at `timeAt(0)`, `timeAt(1)`, ... (ascending). */
  recordPrepared(p: PreparedEvent, n: number, timeAt: (i: number) => number): void {
    if (n <= 0) return;
    const { ref, type, reason, message, typeReason, aggregateKey, plainKey } = p;
    const { aggregates, logger, buckets } = p.state;
    for (let i = 0; i < n; i++) {
      const at = timeAt(i);
      // Aggregation by reason: too many distinct messages become one combined event.
      let agg = aggregates.get(typeReason);
      if (agg === undefined || at - agg.last > AGGREGATE_INTERVAL_MS) {
        agg = { messages: new Set(), last: at };
        aggregates.set(typeReason, agg);
      }
      const sizeBefore = agg.messages.size;
      agg.messages.add(message);
      agg.last = at;
      let key = plainKey;
      let finalMessage = message;
      let combined = false;
      if (agg.messages.size >= AGGREGATE_MAX) {
        const first = agg.messages.values().next().value;
        if (first !== undefined) agg.messages.delete(first);
        key = aggregateKey;
        finalMessage = p.combinedMessage;
        combined = true;
      }

      // Deduplication: the same event again is the same Event object with count + 1.
      let entry = logger.get(key);
      if (entry === undefined) {
        entry = { count: 1, first: at, name: eventName(ref.name ?? '', at, `${ref.uid}${reason}${message}`) };
        logger.set(key, entry);
      } else entry.count++;

      // Spam filter: the count grows either way; only the API write is dropped.
      let bucket = buckets.get(type);
      if (bucket === undefined) {
        bucket = { tokens: SPAM_BURST, at };
        buckets.set(type, bucket);
      }
      bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + ((at - bucket.at) / 1000) * SPAM_QPS);
      bucket.at = at;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        this.write(ref, type, reason, finalMessage, entry, at, combined);
        continue;
      }
      // Dropped. Repeats before the next token that change nothing but counts (the message was
      // already aggregated, no ten-minute gap) are counted in one step.
      if (agg.messages.size !== sizeBefore || combined) continue;
      const due = bucket.at + ((1 - bucket.tokens) / SPAM_QPS) * 1000;
      let j = i + 1;
      let last = at;
      while (j < n) {
        const t = timeAt(j);
        if (t >= due || t - last > AGGREGATE_INTERVAL_MS) break;
        last = t;
        j++;
      }
      const skipped = j - i - 1;
      if (skipped === 0) continue;
      entry.count += skipped;
      agg.last = last;
      bucket.tokens += ((last - bucket.at) / 1000) * SPAM_QPS;
      bucket.at = last;
      i = j - 1;
    }
  }

  private write(
    ref: ObjectReference,
    type: string,
    reason: string,
    message: string,
    entry: LogEntry,
    at: number,
    combined: boolean,
  ): void {
    const namespace = ref.namespace || 'default';
    const id = (entry.id ??= `${namespace}/${entry.name}`);
    const writer = this.writer;
    // Written already in this batch and still within its hour: only count, last timestamp and
    // message move, and only the last of them will be seen (nothing reads the store meanwhile).
    const held = entry.pending;
    if (
      held !== undefined &&
      entry.batch === writer.batch &&
      writer.batch !== 0 &&
      entry.count > 1 &&
      held.lastAt !== undefined &&
      held.lastAt + EVENT_TTL_MS > at &&
      writer.holds(id, held)
    ) {
      const r = held.repeat;
      if (r === undefined) held.repeat = { count: entry.count, at, message };
      else {
        r.count = entry.count;
        r.at = at;
        r.message = message;
      }
      held.lastAt = at;
      return;
    }
    if (held !== undefined && entry.batch === writer.batch && held.repeat !== undefined && held.lastAt !== undefined) {
      // Past its hour within the batch: the expiry must see the last write first.
      this.expiry.touched(id, namespace, entry.name, held.lastAt);
    }
    let p: PendingWrite | undefined;
    if (entry.count > 1 && !this.expiry.expired(id, namespace, entry.name, at) && this.writer.exists(id)) {
      p = this.writer.update(id, namespace, entry.name, { count: entry.count, lastTimestamp: rfc3339(at), message });
    } else {
      const event: Event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: entry.name, namespace, uid: this.host.uids.uuid() },
        involvedObject: { ...ref },
        reason,
        message,
        source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
        firstTimestamp: rfc3339(entry.first),
        lastTimestamp: rfc3339(at),
        count: entry.count,
        type,
        // client-go copies the source into the reporting fields; the aggregator's combined
        // event is built afresh and leaves them empty.
        reportingComponent: combined ? '' : this.source.component,
        reportingInstance: combined ? '' : (this.source.host ?? ''),
      };
      p = this.writer.create(id, event, at);
    }
    this.expiry.touched(id, namespace, entry.name, at);
    entry.pending = p;
    entry.batch = writer.batch;
    if (p !== undefined) p.lastAt = at;
  }
}

/** All recorders of the cluster, one per reporting process. */
export class EventHub {
  private recorders = new Map<string, EventRecorder>();
  /** events.k8s.io isomorphic-event cache, by the broadcaster's key. */
  private series = new Map<string, SeriesEntry>();
  private sweepAbove = 1024;
  private expiry: EventExpiry;
  private writer: EventWriter;

  constructor(private host: EventHost) {
    this.writer = new EventWriter(host.store);
    this.expiry = new EventExpiry(this.writer);
    this.writer.onFlush = (key, namespace, name, at) => this.expiry.touched(key, namespace, name, at);
  }

  /** Hold recorders' writes back until the matching `endBatch` (see EventWriter). */
  beginBatch(): void {
    this.writer.begin();
  }

  endBatch(): void {
    this.writer.end();
  }

  recorder(component: string, host?: string): EventRecorder {
    const key = `${component}\u0000${host ?? ''}`;
    let r = this.recorders.get(key);
    if (r === undefined) {
      r = new EventRecorder(this.host, this.expiry, this.writer, host === undefined ? { component } : { component, host });
      this.recorders.set(key, r);
    }
    return r;
  }

  /**
   * The scheduler reports through the events.k8s.io/v1 API, which reads back through core/v1
   * with eventTime, action and reporting fields set and no source, count or first/last time.
   */
  recordNew(
    ref: ObjectReference,
    reportingController: string,
    reportingInstance: string,
    action: string,
    reason: string,
    message: string,
    at: number,
    type: 'Normal' | 'Warning' = 'Normal',
  ): void {
    const namespace = ref.namespace || 'default';
    // The events.k8s.io broadcaster folds an isomorphic event (same action, reason, controller
    // and regarding object, resourceVersion included) into a series: the first repeat is written
    // at once as count 2, later ones only every 30 minutes; a series unseen for 6 minutes ends.
    const key = [action, reason, reportingController, ref.kind, ref.namespace, ref.name, ref.uid, ref.resourceVersion].join('\u0000');
    const cached = this.series.get(key);
    if (cached !== undefined && at - cached.last <= SERIES_FINISH_MS) {
      cached.count++;
      cached.last = at;
      if (cached.count === 2) {
        this.writeSeries(cached, at);
        return;
      }
      this.scheduleRefresh(cached, at);
      // finishSeries: a series not observed again within 6 minutes is written one last time.
      this.host.schedule(at + SERIES_FINISH_MS, () => {
        if (cached.last !== at || this.series.get(key) !== cached) return;
        this.series.delete(key);
        this.writeSeries(cached, at + SERIES_FINISH_MS);
      });
      return;
    }
    this.sweep(at);
    const name = eventName(ref.name ?? '', at, `${ref.uid}${reason}${message}`);
    if (this.host.store.get('Event', namespace, name) !== undefined) return;
    this.series.set(key, { namespace, name, count: 1, last: at, refreshAt: 0 });
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: this.host.uids.uuid() },
      involvedObject: { ...ref },
      reason,
      message,
      source: {},
      type,
      action,
      eventTime: microTime(at),
      reportingComponent: reportingController,
      reportingInstance,
    };
    this.host.store.create('Event', event, at);
    this.expiry.touched(`${namespace}/${name}`, namespace, name, at);
  }

  private writeSeries(entry: SeriesEntry, at: number): void {
    const id = `${entry.namespace}/${entry.name}`;
    if (this.expiry.expired(id, entry.namespace, entry.name, at)) return;
    const updated = this.host.store.update('Event', entry.namespace, entry.name, (e) => {
      e.series = { count: entry.count, lastObservedTime: microTime(entry.last) };
    });
    if (updated !== undefined) this.expiry.touched(id, entry.namespace, entry.name, at);
  }

  /** Delete the Events whose hour is over by `now` (the cluster calls this whenever it is read). */
  expire(now: number): void {
    this.expiry.expire(now);
  }

  /** The broadcaster's 30-minute refresh writes the series as it stands. */
  private scheduleRefresh(entry: SeriesEntry, at: number): void {
    if (entry.refreshAt > at) return;
    const when = Math.ceil((at + 1) / SERIES_REFRESH_MS) * SERIES_REFRESH_MS;
    entry.refreshAt = when;
    this.host.schedule(when, () => this.writeSeries(entry, when));
  }

  /** Drops cache entries no repeat can reach any more (keeps the cache small on big worlds). */
  private sweep(at: number): void {
    if (this.series.size < this.sweepAbove) return;
    for (const [k, e] of this.series) if (at - e.last > SERIES_FINISH_MS) this.series.delete(k);
    this.sweepAbove = Math.max(1024, this.series.size * 2);
  }
}

interface SeriesEntry {
  namespace: string;
  name: string;
  count: number;
  last: number;
  refreshAt: number;
}

const SERIES_FINISH_MS = 6 * 60_000;
const SERIES_REFRESH_MS = 30 * 60_000;
