/**
 * A Session keeps a cluster, the command line's context and the game together, records every
 * input with its sim time, and restores by replaying them (the simulator is deterministic, so the
 * input log is the state).
 */
import { z } from 'zod/mini';
import { buildClusterInSlices, createCluster } from '../cluster';
import type { ClusterControl } from '../cluster/api';
import { loadExplainSchema, runLine } from '../kubectl';
import type { EditRequest, Follower, FollowUpdate, ShellResult } from '../kubectl/api';
import { advanceFollowing } from '../kubectl/follow';
import { complete } from '../kubectl/shell/complete';
import { SAVE_FORMAT, type ActionResult, type FollowEvent, type GameAction, type GameState, type Session, type SessionInput, type SessionSave } from './api';
import { Game } from './game';
import { withResolvedAlerts } from './metrics';
import type { Scenario } from './schema';
import { Transcript } from './transcript';

/** The transcript keeps the most recent output only: enough to pick up where the learner was. */
export const MAX_TRANSCRIPT = 200_000;
/** The first line of a transcript whose beginning was cut. */
export const TRIMMED_MARKER = '[earlier output trimmed]\n';
/** The terminal history `history()` keeps (and the `history` builtin lists), as bash keeps HISTSIZE lines. */
export const MAX_HISTORY = 1000;

const inputSchema = z.union([
  z.strictObject({ at: z.number(), kind: z.literal('exec'), line: z.string() }),
  z.strictObject({ at: z.number(), kind: z.literal('interrupt') }),
  z.strictObject({ at: z.number(), kind: z.literal('edit'), text: z.nullable(z.string()) }),
  z.strictObject({ at: z.number(), kind: z.literal('action'), action: z.looseObject({ type: z.string() }) }),
]);
const saveSchema = z.strictObject({
  format: z.literal(SAVE_FORMAT),
  scenarioId: z.string(),
  arrivalMs: z.number(),
  simNowMs: z.number(),
  inputs: z.array(inputSchema),
  transcript: z.string(),
});

class GameSession implements Session {
  readonly scenarioId: string;
  readonly cluster: ClusterControl;
  private readonly game: Game;
  private readonly arrivalMs: number;
  private ns: string;
  private readonly lines: string[] = [];
  private readonly inputs: SessionInput[] = [];
  private readonly transcript = new Transcript(MAX_TRANSCRIPT, TRIMMED_MARKER);
  private readonly listeners = new Set<() => void>();
  private readonly outputListeners = new Set<(event: FollowEvent) => void>();
  /** The command that keeps printing (`get -w`, `logs -f`, `watch`) until Ctrl-C. */
  private follow: { line: string; follower: Follower; screen?: string } | undefined;
  /** `kubectl edit` waiting for its editor: the line that opened it and the open file. */
  private pendingEdit: { line: string; request: EditRequest } | undefined;
  /** Terminal width for `watch`'s header; 80 until the UI says otherwise (and in replays). */
  private columns = 80;
  /** Wall time and sim time at the first tick: sim time follows wall time from there. */
  private anchor: { wall: number; sim: number } | undefined;
  /** The scenario's files in the working directory (`ls`, `cat`, `kubectl apply -f`). */
  private readonly files: Readonly<Record<string, string>> | undefined;

  /** `cluster`: the world already built (createSessionInSlices); otherwise built here. */
  constructor(scenario: Scenario, arrivalMs: number, cluster?: ClusterControl) {
    this.scenarioId = scenario.id;
    this.files = scenario.world.files;
    this.arrivalMs = arrivalMs;
    this.cluster = cluster ?? createCluster(scenario.world, arrivalMs, { telemetry: true });
    this.game = new Game(scenario, arrivalMs);
    this.ns = scenario.world.contextNamespace;
    // `kubectl explain`'s schema data is its own chunk: fetch it in the background now.
    void loadExplainSchema();
  }

  state(): GameState {
    const now = this.cluster.now();
    const state = this.game.state(now);
    const samples = this.cluster.telemetry?.() ?? [];
    return samples.length === 0 ? state : { ...state, timeline: withResolvedAlerts(state.timeline, samples, now) };
  }

  namespace(): string {
    return this.ns;
  }

  history(): readonly string[] {
    return this.lines;
  }

  tick(wallMs: number): void {
    if (!Number.isFinite(wallMs)) return;
    if (!this.anchor) {
      this.anchor = { wall: wallMs, sim: this.cluster.now() };
      return;
    }
    const target = this.anchor.sim + (wallMs - this.anchor.wall);
    if (target <= this.cluster.now()) return;
    const before = this.state().timeline.length;
    this.advance(target);
    // Scripted happenings may have come due; others only need a redraw when they ask.
    if (this.state().timeline.length !== before) this.notify();
  }

  /** After a jump (wait, replay) sim time is ahead of the old anchor: re-anchor at the next tick. */
  private reanchor(): void {
    this.anchor = undefined;
  }

  /** Moves the clock to `target`, polling a following command at its own sim times on the way. */
  private advance(target: number): void {
    const follow = this.follow;
    const running = advanceFollowing(this.cluster, follow?.follower, target, (u) => this.followed(u));
    if (follow !== undefined && !running && this.follow === follow) {
      this.follow = undefined;
      this.emit({ stdout: '', stderr: '', ended: 'done' });
    }
  }

  /** Output of the following command: into the transcript (unless full screen), the game, the UI. */
  private followed(u: FollowUpdate): void {
    const follow = this.follow;
    if (follow === undefined) return;
    if (u.screen !== undefined) follow.screen = u.screen;
    else this.append(u.stdout + u.stderr);
    const seen = u.screen ?? u.stdout + u.stderr;
    // Exit code -1: still running. Output can reveal clues; it is not a finished action.
    if (seen !== '') this.game.observe(follow.line, { stdout: u.screen ?? u.stdout, stderr: u.stderr, exitCode: -1 }, this.cluster.now());
    this.emit({ stdout: u.stdout, stderr: u.stderr, ...(u.screen !== undefined ? { screen: u.screen } : {}) });
  }

  private emit(event: FollowEvent): void {
    for (const listener of [...this.outputListeners]) listener(event);
  }

  setColumns(columns: number): void {
    if (Number.isInteger(columns) && columns > 0) this.columns = columns;
  }

  complete(line: string, cursor: number): { start: number; candidates: string[] } {
    return complete(line, cursor, { cluster: this.cluster, namespace: this.ns, ...(this.files !== undefined ? { files: this.files } : {}) });
  }

  following(): boolean {
    return this.follow !== undefined;
  }

  followScreen(): string | undefined {
    return this.follow?.screen;
  }

  onOutput(listener: (event: FollowEvent) => void): () => void {
    this.outputListeners.add(listener);
    return () => {
      this.outputListeners.delete(listener);
    };
  }

  interrupt(): void {
    if (this.follow === undefined) return;
    this.inputs.push({ at: this.cluster.now(), kind: 'interrupt' });
    this.stopFollowing();
    this.notify();
  }

  private stopFollowing(): void {
    const follow = this.follow;
    if (follow === undefined) return;
    follow.follower.stop();
    this.follow = undefined;
    // A full-screen watch leaves nothing behind (the alternate screen goes away), as in xterm.
    this.append('^C\n');
    this.emit({ stdout: '', stderr: '', ended: 'interrupted' });
  }

  editing(): { text: string; path: string } | undefined {
    const e = this.pendingEdit?.request;
    return e === undefined ? undefined : { text: e.text, path: e.path };
  }

  submitEdit(text: string | undefined): ShellResult {
    if (this.pendingEdit === undefined) return { stdout: '', stderr: '', exitCode: 0 };
    this.inputs.push({ at: this.cluster.now(), kind: 'edit', text: text ?? null });
    const result = this.finishEdit(text);
    this.notify();
    return result;
  }

  /** The editor closed: kubectl applies (or reopens, or cancels) and prints; the terminal shows it. */
  private finishEdit(text: string | undefined): ShellResult {
    const pending = this.pendingEdit!;
    const { result, applied } = pending.request.close(text);
    this.pendingEdit = result.edit === undefined ? undefined : { line: pending.line, request: result.edit };
    this.append(result.stdout + result.stderr);
    this.game.observe(pending.line, result, this.cluster.now(), { applied });
    this.emit({ stdout: result.stdout, stderr: result.stderr, ...(result.edit === undefined ? { ended: 'done' as const } : {}) });
    return result;
  }

  exec(line: string): ShellResult {
    // A new line while something follows: the terminal would have needed Ctrl-C first.
    if (this.follow !== undefined) this.interrupt();
    // ... or the editor closed first: unsaved, that cancels the edit.
    if (this.pendingEdit !== undefined) this.submitEdit(undefined);
    const at = this.cluster.now();
    this.inputs.push({ at, kind: 'exec', line });
    const result = this.run(line);
    this.notify();
    return result;
  }

  private append(text: string): void {
    this.transcript.append(text);
  }

  private run(line: string): ShellResult {
    const prompt = `(${this.ns}) $ `;
    // Into the history first, as bash does: `history` lists itself.
    if (line.trim() !== '') {
      this.lines.push(line);
      if (this.lines.length > MAX_HISTORY) this.lines.splice(0, this.lines.length - MAX_HISTORY);
    }
    const result = runLine(line, { cluster: this.cluster, namespace: this.ns, history: this.lines, columns: this.columns, ...(this.files !== undefined ? { files: this.files } : {}) });
    if (result.clear) {
      this.transcript.reset('');
    } else {
      let out = `${prompt}${line}\n`;
      for (const part of [result.stdout, result.stderr]) {
        if (part !== '') out += part.endsWith('\n') ? part : `${part}\n`;
      }
      this.append(out);
    }
    if (result.namespace !== undefined) this.ns = result.namespace;
    this.game.observe(line, result.screen !== undefined ? { ...result, stdout: result.screen } : result, this.cluster.now());
    if (result.follow !== undefined) this.follow = { line, follower: result.follow, ...(result.screen !== undefined ? { screen: result.screen } : {}) };
    if (result.edit !== undefined) this.pendingEdit = { line, request: result.edit };
    return result;
  }

  dispatch(action: GameAction): ActionResult {
    const at = this.cluster.now();
    const result = this.game.dispatch(action, this.cluster);
    // Refused actions change nothing, so they need not be replayed.
    if (result.ok) this.inputs.push({ at, kind: 'action', action: structuredClone(action) });
    if (action.type === 'wait' && result.ok) this.reanchor();
    // A wait jumped the clock: a following command catches up now, live and in replay alike.
    if (result.ok) this.advance(this.cluster.now());
    this.notify();
    return result;
  }

  transcriptText(): string {
    return this.transcript.toString();
  }

  save(): SessionSave {
    return {
      format: SAVE_FORMAT,
      scenarioId: this.scenarioId,
      arrivalMs: this.arrivalMs,
      simNowMs: this.cluster.now(),
      inputs: structuredClone(this.inputs),
      transcript: this.transcript.toString(),
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Replays one recorded input at its recorded sim time. */
  replay(input: SessionInput): void {
    if (input.at < this.cluster.now()) throw new Error('the saved inputs go back in time');
    this.advance(input.at);
    if (input.kind === 'edit') {
      this.inputs.push(input);
      if (this.pendingEdit !== undefined) this.finishEdit(input.text ?? undefined);
      return;
    }
    if (input.kind === 'exec') {
      if (this.follow !== undefined) this.stopFollowing();
      if (this.pendingEdit !== undefined) {
        this.inputs.push({ at: input.at, kind: 'edit', text: null });
        this.finishEdit(undefined);
      }
      this.inputs.push(input);
      this.run(input.line);
      return;
    }
    if (input.kind === 'interrupt') {
      this.inputs.push(input);
      this.stopFollowing();
      return;
    }
    const result = this.game.dispatch(input.action, this.cluster);
    if (!result.ok) throw new Error(`a saved action no longer applies (${input.action.type}: ${result.message})`);
    this.inputs.push(input);
    this.advance(this.cluster.now());
  }

  finishRestore(simNowMs: number, transcript: string): void {
    if (simNowMs > this.cluster.now()) this.advance(simNowMs);
    this.transcript.reset(transcript);
  }
}

/** A new game: the learner arrives at `arrivalMs` (sim time starts there and follows wall time). */
export function createSession(scenario: Scenario, options: { arrivalMs: number }): Session {
  if (!Number.isFinite(options.arrivalMs)) throw new Error('arrivalMs must be a time');
  return new GameSession(scenario, Math.floor(options.arrivalMs));
}

/**
 * createSession with the world built in slices: the generator yields between them (see
 * buildClusterInSlices) and returns a session identical to createSession's.
 */
export function* createSessionInSlices(scenario: Scenario, options: { arrivalMs: number }): Generator<void, Session> {
  if (!Number.isFinite(options.arrivalMs)) throw new Error('arrivalMs must be a time');
  const arrivalMs = Math.floor(options.arrivalMs);
  const cluster = yield* buildClusterInSlices(scenario.world, arrivalMs, { telemetry: true });
  return new GameSession(scenario, arrivalMs, cluster);
}

/**
 * Rebuilds a session from a save by replaying its inputs. Throws (with a plain reason) when the
 * save is malformed, for another scenario, or no longer replays against this scenario.
 */
export function restoreSession(scenario: Scenario, save: SessionSave): Session {
  const parsed = saveSchema.safeParse(save);
  if (!parsed.success) throw new Error(`the save is malformed (${parsed.error.issues[0]?.message ?? 'unknown problem'})`);
  const data = parsed.data as SessionSave;
  if (data.scenarioId !== scenario.id) throw new Error(`the save belongs to scenario "${data.scenarioId}", not "${scenario.id}"`);
  const session = new GameSession(scenario, Math.floor(data.arrivalMs));
  for (const input of data.inputs) session.replay(input);
  session.finishRestore(data.simNowMs, data.transcript);
  return session;
}
