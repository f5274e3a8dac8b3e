/**
 * Opening a scenario: load it, then resume the saved game or start a new one. Whatever goes wrong
 * with storage, the learner gets a playable game and a plain sentence about what happened.
 * Kept free of Svelte and of the DOM so that every path is unit-tested.
 */
import type { PostmortemDraft, Session, SessionSave } from '../../incident/api';
import type { OpenedStorage, ProgressStore } from '../../storage';

export interface GameDeps<S> {
  loadScenario(id: string): Promise<S | undefined>;
  createSession(scenario: S, options: { arrivalMs: number }): Session;
  restoreSession(scenario: S, save: SessionSave): Session;
  storage: Promise<OpenedStorage>;
  /** Wall clock, ms since the epoch. */
  now(): number;
  /**
   * Runs before a save is replayed: loads what its commands need to run as they first ran
   * (the engine, the YAML reader for apply/edit/patch), so a resume rebuilds the same world. If it
   * fails (offline before those chunks were cached), opening fails and the save stays as it is:
   * it is not the save's fault.
   */
  beforeReplay?(save: SessionSave): Promise<void>;
}

export type OpenedGame<S> =
  | { kind: 'not-found'; scenarioId: string }
  | {
      kind: 'ready';
      scenario: S;
      session: Session;
      store: ProgressStore;
      /** What the terminal showed before the reload (empty for a new game). */
      transcript: string;
      resumed: boolean;
      /** A postmortem the learner had started writing before the reload. */
      postmortemDraft?: PostmortemDraft;
      /** False when the old save could not even be read: writing would overwrite it. */
      canSave: boolean;
      /** Plain sentences for the banner. */
      notices: string[];
    };

/** The sentences for what went wrong live with the other storage wording, fetched only when needed. */
async function say(pick: (words: typeof import('./saveProblems')) => string): Promise<string> {
  // Offline with that chunk not yet cached: a shorter sentence, but the game still opens.
  return import('./saveProblems').then(pick, () => 'Your saved progress could not be used here, so a new game has started.');
}

export async function openGame<S>(scenarioId: string, deps: GameDeps<S>): Promise<OpenedGame<S>> {
  const scenario = await deps.loadScenario(scenarioId);
  if (scenario === undefined) return { kind: 'not-found', scenarioId };

  const { store, problem } = await deps.storage;
  const notices: string[] = problem ? [problem] : [];
  const fresh = () => deps.createSession(scenario, { arrivalMs: deps.now() });

  const loaded = await store.load(scenarioId);
  switch (loaded.kind) {
    case 'none':
      return { kind: 'ready', scenario, session: fresh(), store, transcript: '', resumed: false, canSave: true, notices };
    case 'failed':
      notices.push(await say((w) => w.noticeUntouched(loaded.reason)));
      return { kind: 'ready', scenario, session: fresh(), store, transcript: '', resumed: false, canSave: false, notices };
    case 'newer':
      notices.push(await say((w) => w.NOTICE_NEWER));
      return { kind: 'ready', scenario, session: fresh(), store, transcript: '', resumed: false, canSave: false, notices };
    case 'unreadable':
      if (loaded.keptAs === undefined) {
        // It could not be moved aside: saving would overwrite the only copy.
        notices.push(await say((w) => w.noticeUntouched(loaded.reason)));
        return { kind: 'ready', scenario, session: fresh(), store, transcript: '', resumed: false, canSave: false, notices };
      }
      notices.push(await say((w) => w.NOTICE_UNREADABLE));
      return { kind: 'ready', scenario, session: fresh(), store, transcript: '', resumed: false, canSave: true, notices };
    case 'ok': {
      await deps.beforeReplay?.(loaded.record.save);
      try {
        const session = deps.restoreSession(scenario, loaded.record.save);
        return {
          kind: 'ready',
          scenario,
          session,
          store,
          transcript: loaded.record.save.transcript,
          resumed: true,
          canSave: true,
          notices,
          postmortemDraft: loaded.record.postmortemDraft,
        };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await store.keepAside(scenarioId, `replay failed: ${reason}`);
        notices.push(await say((w) => w.NOTICE_NOT_REPLAYABLE));
        return { kind: 'ready', scenario, session: fresh(), store, transcript: '', resumed: false, canSave: true, notices };
      }
    }
  }
}
