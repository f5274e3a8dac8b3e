/**
 * A new game whose engine (the cluster simulator, the command line and the game's session) is
 * still on its way. The play screen shows its prompt without waiting for that JavaScript: the
 * engine is its own chunk, fetched once the prompt is up (or at the first line typed, whichever
 * comes first). Until it arrives this session answers what it already knows (the brief, the
 * namespace, the game's first state; brief-phase choices are kept and handed over), and lines
 * wait for it (`whenReady`): they run on the real engine, never on a stand-in.
 *
 * Determinism: what happens before the engine arrives is recorded as inputs at the arrival time
 * and replayed into the real session, exactly as a saved game is restored, so the world and the
 * save are the same as if the engine had been there from the start.
 *
 * Free of Svelte and of the DOM, so that it is unit-tested in Node.
 */
import type { ClusterControl, ClusterView } from '../../cluster/api';
import {
  SAVE_FORMAT,
  type ActionResult,
  type FollowEvent,
  type GameAction,
  type GameState,
  type Session,
  type SessionInput,
  type SessionSave,
} from '../../incident/api';
import { Game } from '../../incident/game';
import type { Scenario } from '../../incident/schema';
import type { ShellResult } from '../../kubectl/api';

/** What the engine chunk provides (src/incident/index.ts). */
export interface Engine {
  createSession(scenario: Scenario, options: { arrivalMs: number }): Session;
  restoreSession(scenario: Scenario, save: SessionSave): Session;
  /** createSession with the world built in slices (yields between them); the same session. */
  createSessionInSlices?(scenario: Scenario, options: { arrivalMs: number }): Generator<void, Session>;
}

/**
 * Main-thread time a slice of the world build may take before yielding to the event loop. Short
 * enough that no slice is a long task even on a phone-speed CPU (Lighthouse's mobile run counts
 * every task over 50 ms at four times this machine's time).
 */
const SLICE_MS = 10;
/** A new task: scheduler.yield() where there is one (no 4 ms clamp for nested timers), else a timer. */
const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/** Shown if a line is somehow run before the engine is there (the terminal waits instead). */
export const ENGINE_NOT_READY = 'firedrill: the game is still loading; try again in a moment\n';
/** An action that needs the cluster (wait, declare resolved) before the engine is there. */
export const ACTION_NOT_READY = 'The cluster is still starting; try again in a moment.';
/** The engine chunk could not be fetched (offline before it was cached, a server error). */
export const ENGINE_FAILED = 'firedrill: the game could not be loaded; check the connection and reload the page\n';

export class DeferredSession implements Session {
  readonly scenarioId: string;
  private real: Session | undefined;
  private loading: Promise<void> | undefined;
  private failed = false;
  /** Brief-phase choices made before the engine arrived, replayed into it. */
  private readonly inputs: SessionInput[] = [];
  private readonly preview: Game;
  private columns: number | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly outputListeners = new Set<(event: FollowEvent) => void>();
  /** Before the engine: only the clock can be read (it stands at the arrival). */
  private readonly waitingCluster: ClusterView;

  constructor(
    private readonly scenario: Scenario,
    private readonly arrivalMs: number,
    private readonly load: () => Promise<Engine>,
  ) {
    this.scenarioId = scenario.id;
    this.preview = new Game(scenario, arrivalMs);
    const notYet = (): never => {
      throw new Error('the cluster is still loading');
    };
    this.waitingCluster = { now: () => arrivalMs, list: notYet, get: notYet, logs: notYet, facts: notYet };
  }

  /** Starts fetching the engine (once). Resolves when lines can run, also if the fetch failed. */
  start(): Promise<void> {
    this.loading ??= this.load().then(
      async (engine) => {
        // A task of its own for building the world: evaluating the engine's modules is one long
        // task already, and the page stays responsive between the two (Lighthouse's blocking time).
        await nextTask();
        this.failed = false;
        this.arrive(engine, await this.buildInSlices(engine));
      },
      () => {
        // Lines say so plainly; the next one tries the fetch again.
        this.failed = true;
        this.loading = undefined;
      },
    );
    return this.loading;
  }

  /** Undefined once lines can run now; otherwise what to wait for (it starts the fetch). */
  whenReady(): Promise<void> | undefined {
    return this.real !== undefined || this.failed ? undefined : this.start();
  }

  /**
   * A new game's world, built a slice at a time with the event loop running in between (no
   * single long task). Undefined when brief-phase choices were made meanwhile (or, which cannot
   * happen, the build failed): `arrive` then builds the world in one go as before.
   */
  private async buildInSlices(engine: Engine): Promise<Session | undefined> {
    if (engine.createSessionInSlices === undefined || this.inputs.length > 0) return undefined;
    try {
      const build = engine.createSessionInSlices(this.scenario, { arrivalMs: this.arrivalMs });
      let sliceStart = performance.now();
      for (let step = build.next(); ; step = build.next()) {
        if (step.done === true) return this.inputs.length > 0 ? undefined : step.value;
        if (performance.now() - sliceStart >= SLICE_MS) {
          await nextTask();
          sliceStart = performance.now();
        }
      }
    } catch {
      return undefined;
    }
  }

  private arrive(engine: Engine, built: Session | undefined): void {
    let real: Session | undefined = built;
    if (real === undefined && this.inputs.length > 0) {
      try {
        real = engine.restoreSession(this.scenario, {
          format: SAVE_FORMAT,
          scenarioId: this.scenarioId,
          arrivalMs: this.arrivalMs,
          simNowMs: this.arrivalMs,
          inputs: this.inputs,
          transcript: '',
        });
      } catch {
        // Cannot happen (the same game ran them), but a game that plays beats a stuck prompt:
        // start from the brief again rather than never answering.
        real = undefined;
      }
    }
    real ??= engine.createSession(this.scenario, { arrivalMs: this.arrivalMs });
    if (this.columns !== undefined) real.setColumns(this.columns);
    real.subscribe(() => this.notify());
    real.onOutput((event) => {
      for (const listener of [...this.outputListeners]) listener(event);
    });
    this.real = real;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  get cluster(): ClusterView {
    return this.real?.cluster ?? this.waitingCluster;
  }

  state(): GameState {
    return this.real?.state() ?? this.preview.state(this.arrivalMs);
  }

  namespace(): string {
    return this.real?.namespace() ?? this.scenario.world.contextNamespace;
  }

  history(): readonly string[] {
    return this.real?.history() ?? [];
  }

  tick(wallMs: number): void {
    // Sim time starts to follow wall time at the engine's first tick, as in any new session.
    this.real?.tick(wallMs);
  }

  exec(line: string): ShellResult {
    if (this.real !== undefined) return this.real.exec(line);
    void this.start();
    return { stdout: '', stderr: this.failed ? ENGINE_FAILED : ENGINE_NOT_READY, exitCode: 1 };
  }

  following(): boolean {
    return this.real?.following() ?? false;
  }

  editing(): { text: string; path: string } | undefined {
    return this.real?.editing();
  }

  submitEdit(text: string | undefined): ShellResult {
    return this.real?.submitEdit(text) ?? { stdout: '', stderr: '', exitCode: 0 };
  }

  followScreen(): string | undefined {
    return this.real?.followScreen();
  }

  setColumns(columns: number): void {
    this.columns = columns;
    this.real?.setColumns(columns);
  }

  complete(line: string, cursor: number): { start: number; candidates: string[] } {
    if (this.real !== undefined) return this.real.complete(line, cursor);
    void this.start();
    return { start: cursor, candidates: [] };
  }

  interrupt(): void {
    this.real?.interrupt();
  }

  onOutput(listener: (event: FollowEvent) => void): () => void {
    this.outputListeners.add(listener);
    return () => {
      this.outputListeners.delete(listener);
    };
  }

  dispatch(action: GameAction): ActionResult {
    if (this.real !== undefined) return this.real.dispatch(action);
    // Waiting and declaring resolved read or move the cluster; nothing else does.
    if (action.type === 'wait' || action.type === 'declareResolved') {
      void this.start();
      return { ok: false, message: ACTION_NOT_READY };
    }
    // The game reads only the clock for these actions, and the clock stands at the arrival.
    const clock = { now: () => this.arrivalMs } as unknown as ClusterControl; // cast: Game.dispatch reads only now() outside wait/declareResolved
    const result = this.preview.dispatch(action, clock);
    if (result.ok) this.inputs.push({ at: this.arrivalMs, kind: 'action', action: structuredClone(action) });
    this.notify();
    return result;
  }

  transcriptText(): string {
    return this.real?.transcriptText() ?? '';
  }

  save(): SessionSave {
    if (this.real !== undefined) return this.real.save();
    return {
      format: SAVE_FORMAT,
      scenarioId: this.scenarioId,
      arrivalMs: this.arrivalMs,
      simNowMs: this.arrivalMs,
      inputs: structuredClone(this.inputs),
      transcript: '',
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
