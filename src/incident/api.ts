/**
 * The contract between the game (pure) and the UI. The UI renders `GameState`, sends `GameAction`s
 * and typed lines through a `Session`; it never decides anything itself.
 */
import type { ClusterView } from '../cluster/api';
import type { ShellResult } from '../kubectl/api';

export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

/** The order a learner moves through. `investigate` holds the investigation steps. */
export type Phase = 'brief' | 'investigate' | 'board' | 'decide' | 'verify' | 'postmortem' | 'results';

export type TimelineKind = 'system' | 'finding' | 'action' | 'comms' | 'note';

export interface TimelineEntry {
  /** Sim time, ms since the epoch. */
  at: number;
  kind: TimelineKind;
  text: string;
}

/** A clue the learner has actually seen in command output. */
export interface RevealedClue {
  id: string;
  at: number;
  /** The command line whose output revealed it. */
  command: string;
  /** The output line(s) that matched: the evidence a fact can cite. */
  evidence: string;
}

export type BoardColumn = 'unsorted' | 'fact' | 'assumption';

export interface BoardCard {
  id: string;
  text: string;
  column: BoardColumn;
  origin: 'scenario' | 'learner';
  /** A fact must cite a revealed clue. */
  evidenceClueId?: string;
  /** Sim time the game moved it from Assumptions to Facts, when the evidence for it appeared. */
  promotedAt?: number;
}

export interface HintProgress {
  /** Hint set id (one per phase or investigation step). */
  id: string;
  /** How many levels have been revealed (0..levels). */
  revealed: number;
}

/** rollback, fix-forward, or hold: change nothing in the cluster (a false alarm, or a fix outside it). */
export type Decision = 'rollback' | 'fix-forward' | 'hold';
export const DECISIONS: readonly Decision[] = ['rollback', 'fix-forward', 'hold'];

export interface ResolveAttempt {
  at: number;
  ok: boolean;
  /** Why the cluster is not recovered yet, in the learner's words (empty when ok). */
  reasons: string[];
}

/** The postmortem sections the scenario's rubric judges. */
export type JudgedSection = 'summary' | 'impact' | 'rootCause' | 'trigger' | 'resolution' | 'actionItems';
/** Sections of the template the learner writes for themselves (not judged). */
export type ExtraSection = 'timeline' | 'detection' | 'wentWell' | 'wentBadly';

export type PostmortemDraft = Record<JudgedSection, string> & Partial<Record<ExtraSection, string>>;

export interface RubricResult {
  section: JudgedSection;
  ok: boolean;
  feedback: string;
}

/** Why a responder made the call; the learner picks the ones that weighed. */
export type DecisionReason = 'reversibility' | 'data-changes' | 'blast-radius' | 'confidence' | 'time-to-fix';
export const DECISION_REASONS: readonly DecisionReason[] = ['reversibility', 'data-changes', 'blast-radius', 'confidence', 'time-to-fix'];

/** When the game asks for a stakeholder update. */
export type UpdateMoment = 'severity' | 'mitigation' | 'resolution' | 'overdue';

export interface UpdateCheck {
  part: 'impact' | 'status' | 'next' | 'nextUpdate';
  ok: boolean;
  feedback: string;
}

export interface StakeholderUpdate {
  at: number;
  text: string;
  /** The moment it answered, when one was due. */
  moment?: UpdateMoment;
  checks: UpdateCheck[];
}

/** The incident commander's checklist, ticked by what the learner does. */
export type ChecklistId =
  | 'acknowledge'
  | 'impact'
  | 'severity'
  | 'communicate'
  | 'investigate'
  | 'mitigate'
  | 'verify'
  | 'handover'
  | 'postmortem';

export interface ChecklistItem {
  id: ChecklistId;
  label: string;
  done: boolean;
  /** What is still open, or how it was done. */
  detail: string;
}

/** One line of the debrief: points earned out of a maximum, and why. */
export interface DebriefLine {
  id: 'severity' | 'evidence' | 'decision' | 'verification' | 'communication' | 'postmortem' | 'hints' | 'time';
  label: string;
  points: number;
  /** 0 for lines that only subtract (hints) or only inform (time). */
  max: number;
  detail: string;
}

export interface GameState {
  scenarioId: string;
  phase: Phase;
  severity?: Severity;
  /** Investigation steps, in order, and whether the learner has done each. */
  steps: { id: string; title: string; done: boolean }[];
  clues: RevealedClue[];
  timeline: TimelineEntry[];
  board: BoardCard[];
  hints: HintProgress[];
  decision?: { choice: Decision; at: number; reasons?: DecisionReason[] };
  /** Stakeholder updates posted, oldest first. */
  updates: StakeholderUpdate[];
  /** An update is due, and why (the Command panel says what to write: MOMENT_PROMPTS). */
  updateDue?: { moment: UpdateMoment };
  /** The hand-over note, once written. */
  handover?: { at: number; text: string };
  checklist: ChecklistItem[];
  resolveAttempts: ResolveAttempt[];
  resolvedAt?: number;
  postmortem?: { draft: PostmortemDraft; feedback: RubricResult[]; submittedAt: number };
  /**
   * During play: 100 minus what hints and premature resolves cost so far. Once the postmortem is
   * in: the debrief's total (see `debrief`).
   */
  score: number;
  /** The closing assessment, once the postmortem is submitted. */
  debrief?: {
    total: number;
    lines: DebriefLine[];
    /** Sim minutes from the page to the decision, and to confirmed recovery (absent when it did not happen). */
    mitigateMinutes?: number;
    resolveMinutes?: number;
  };
}

export type GameAction =
  | { type: 'setSeverity'; severity: Severity }
  | { type: 'startInvestigation' }
  | { type: 'revealHint'; hintId: string }
  | { type: 'addCard'; text: string; column: BoardColumn; evidenceClueId?: string }
  | { type: 'moveCard'; cardId: string; column: BoardColumn; evidenceClueId?: string }
  | { type: 'finishBoard' }
  | { type: 'decide'; choice: Decision; reasons?: DecisionReason[] }
  /** The reasons behind a decision already made (for a call carried out in the terminal). */
  | { type: 'giveReasons'; reasons: DecisionReason[] }
  | { type: 'postUpdate'; text: string }
  /** Hand the incident over (to the owning team, the next shift): what happened, where it stands, what is open. */
  | { type: 'handOver'; text: string }
  | { type: 'declareResolved' }
  | { type: 'addNote'; text: string }
  /** Let sim time pass (the learner watches the cluster); bounded by the game. */
  | { type: 'wait'; seconds: number }
  | { type: 'submitPostmortem'; draft: PostmortemDraft };

export type ActionResult = { ok: true } | { ok: false; message: string };

/** One game: a cluster, a command line and the game state, kept together and replayable. */
export interface Session {
  readonly scenarioId: string;
  readonly cluster: ClusterView;
  state(): GameState;
  /** The kubectl context namespace (for the prompt). */
  namespace(): string;
  /** Terminal history, oldest first. */
  history(): readonly string[];
  /** What the terminal has shown (the transcript a save keeps), without copying the whole save. */
  transcriptText(): string;
  /** Move the sim clock to follow wall time (called by the UI on a timer). */
  tick(wallMs: number): void;
  /**
   * Run one typed line at the current sim time; records it and lets the game observe it. A line
   * that follows (`kubectl get -w`, `logs -f`, `watch`) keeps printing through `onOutput` as the
   * clock moves, until `interrupt()` or until it ends by itself.
   */
  exec(line: string): ShellResult;
  /** Whether a command is following now (the terminal shows no prompt). */
  following(): boolean;
  /** `kubectl edit` is waiting for its editor: the file to show (the terminal shows no prompt). */
  editing(): { text: string; path: string } | undefined;
  /**
   * The editor closed, with `text` saved (undefined: without saving). Recorded, so a replay
   * does the same. What kubectl printed then also arrives through `onOutput`; if kubectl reopens
   * the editor (an invalid change), `editing()` has the new file.
   */
  submitEdit(text: string | undefined): ShellResult;
  /** The current full-screen frame of a following `watch`, if that is what follows. */
  followScreen(): string | undefined;
  /** The terminal's width, for output that depends on it (`watch`'s header). Not recorded. */
  setColumns(columns: number): void;
  /** Tab completion for the line typed so far (kubectl commands, types, names, flags). */
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  /** Ctrl-C: stop the following command. Recorded with its sim time, so a replay stops it too. */
  interrupt(): void;
  /** Output of the following command as sim time passes, and its end. */
  onOutput(listener: (event: FollowEvent) => void): () => void;
  dispatch(action: GameAction): ActionResult;
  /** Everything needed to restore this session exactly (an input log plus a snapshot). */
  save(): SessionSave;
  subscribe(listener: () => void): () => void;
}

/**
 * The save format this version writes (SessionSave.format). A change to the save that is not
 * additive bumps it, with a migration step in storage/migrations.ts.
 */
export const SAVE_FORMAT = 1 as const;

export interface SessionSave {
  format: typeof SAVE_FORMAT;
  scenarioId: string;
  /** Wall time when the session began; the learner arrived at this sim time. */
  arrivalMs: number;
  /** Sim time when saved; a restored session continues from here. */
  simNowMs: number;
  /** Every input with the sim time it happened at: resume = replay. */
  inputs: SessionInput[];
  /** Everything the terminal showed, for the transcript after a reload. */
  transcript: string;
}

/** What a following command printed, or that it ended (by itself or by Ctrl-C). */
export interface FollowEvent {
  stdout: string;
  stderr: string;
  /** `watch`: a new frame for the whole screen. */
  screen?: string;
  /** The command is over: the terminal shows the prompt again. */
  ended?: 'done' | 'interrupted';
}

export type SessionInput =
  | { at: number; kind: 'exec'; line: string }
  /** Ctrl-C on a following command. */
  | { at: number; kind: 'interrupt' }
  /** The `kubectl edit` editor closed: the saved text, or null when closed without saving. */
  | { at: number; kind: 'edit'; text: string | null }
  | { at: number; kind: 'action'; action: GameAction };

export type { ClusterView, ShellResult };
