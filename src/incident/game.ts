/**
 * The incident game as a state machine: it observes typed lines with their output, takes the
 * learner's actions, and reads the cluster to verify recovery. It never changes the world except
 * by letting time pass (`wait`); everything else happens through kubectl like on a real cluster.
 */
import type { ClusterControl } from '../cluster/api';
import type { ShellResult } from '../kubectl/api';
import type {
  ActionResult,
  BoardCard,
  BoardColumn,
  Decision,
  GameAction,
  GameState,
  PostmortemDraft,
  Severity,
  TimelineEntry,
  TimelineKind,
} from './api';
import { matchClue, normaliseCommand } from './clues';
import { recoveryProblems } from './recovery';
import { judgePostmortem, SECTIONS } from './rubric';
import type { Scenario } from './schema';

export const START_SCORE = 100;
export const EARLY_RESOLVE_PENALTY = 10;
export const MAX_WAIT_SECONDS = 600;
const MAX_CARD_TEXT = 200;
const MAX_NOTE_TEXT = 500;
const MAX_SECTION_TEXT = 5000;
const MAX_LEARNER_CARDS = 50;
const MAX_NOTES = 200;

const SEVERITIES: readonly Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const COLUMNS: readonly BoardColumn[] = ['unsorted', 'fact', 'assumption'];
const MUTATING = /^kubectl (?:\S+ )*?(?:rollout (?:undo|restart|pause|resume)|set|scale|delete|patch|edit|apply|create|replace|label|annotate)\b/;

const ok: ActionResult = { ok: true };
const refuse = (message: string): ActionResult => ({ ok: false, message });

function label(choice: Decision): string {
  return choice === 'rollback' ? 'roll back' : choice === 'fix-forward' ? 'fix forward' : 'hold (change nothing)';
}

export class Game {
  private readonly scenario: Scenario;
  private readonly arrivalMs: number;
  private phase: GameState['phase'] = 'brief';
  private severity: Severity | undefined;
  private readonly clues: GameState['clues'] = [];
  private readonly events: TimelineEntry[] = [];
  private readonly board: BoardCard[];
  private readonly hints = new Map<string, number>();
  private decision: GameState['decision'];
  private readonly attempts: GameState['resolveAttempts'] = [];
  private resolvedAt: number | undefined;
  private postmortem: GameState['postmortem'];
  private score = START_SCORE;
  private learnerCards = 0;
  private notes = 0;

  constructor(scenario: Scenario, arrivalMs: number) {
    this.scenario = scenario;
    this.arrivalMs = arrivalMs;
    this.board = scenario.board.map((c) => ({ id: c.id, text: c.text, column: 'unsorted', origin: 'scenario' }));
  }

  private log(at: number, kind: TimelineKind, text: string): void {
    this.events.push({ at, kind, text });
  }

  private revealed(id: string): boolean {
    return this.clues.some((c) => c.id === id);
  }

  private stepsDone(): boolean {
    return this.scenario.steps.every((s) => s.clues.some((c) => this.revealed(c)));
  }

  /** A snapshot for the UI; scripted happenings appear on the timeline once the clock passes them. */
  state(now: number): GameState {
    const scripted = this.scenario.timeline
      .map((t) => ({ at: this.arrivalMs + t.at * 1000, kind: 'system' as const, text: t.text }))
      .filter((t) => t.at <= now);
    const timeline = [...scripted, ...this.events].sort((a, b) => a.at - b.at);
    return structuredClone({
      scenarioId: this.scenario.id,
      phase: this.phase,
      ...(this.severity ? { severity: this.severity } : {}),
      steps: this.scenario.steps.map((s) => ({ id: s.id, title: s.title, done: s.clues.some((c) => this.revealed(c)) })),
      clues: this.clues,
      timeline,
      board: this.board,
      hints: [...this.hints].map(([id, revealed]) => ({ id, revealed })),
      ...(this.decision ? { decision: this.decision } : {}),
      resolveAttempts: this.attempts,
      ...(this.resolvedAt !== undefined ? { resolvedAt: this.resolvedAt } : {}),
      ...(this.postmortem ? { postmortem: this.postmortem } : {}),
      score: this.score,
    });
  }

  /** What a typed line and its output tell the game. */
  observe(line: string, result: ShellResult, now: number): void {
    if (this.phase === 'brief' || this.phase === 'results') return;
    for (const clue of this.scenario.clues) {
      if (this.revealed(clue.id)) continue;
      const evidence = matchClue(clue, line, result);
      if (evidence === undefined) continue;
      this.clues.push({ id: clue.id, at: now, command: line.trim(), evidence });
      this.log(now, 'finding', clue.finding);
    }
    if (this.phase === 'investigate' && this.stepsDone()) this.phase = 'board';

    if (result.exitCode !== 0) return;
    const command = normaliseCommand(line);
    if (!MUTATING.test(command)) return;
    this.log(now, 'action', `Ran ${command}`);
    const carriedOut = this.scenario.decision.options.find((o) => o.commands.some((c) => new RegExp(c).test(command)));
    if (carriedOut && !this.decision && (this.phase === 'investigate' || this.phase === 'board' || this.phase === 'decide')) {
      // Acting is deciding: the learner mitigated before saying so, which is a legitimate call.
      this.decision = { choice: carriedOut.choice, at: now };
      this.log(now, 'action', `Decision by action: ${label(carriedOut.choice)}`);
      this.phase = 'verify';
    }
  }

  dispatch(action: GameAction, cluster: ClusterControl): ActionResult {
    const now = cluster.now();
    if (this.phase === 'results' && action.type !== 'addNote') return refuse('This incident is closed.');
    switch (action.type) {
      case 'setSeverity': {
        if (!SEVERITIES.includes(action.severity)) return refuse('Choose a severity from SEV1 to SEV4.');
        if (this.severity !== action.severity) {
          this.log(now, 'action', this.severity ? `Severity changed from ${this.severity} to ${action.severity}` : `Severity set to ${action.severity}`);
          this.severity = action.severity;
        }
        return ok;
      }
      case 'startInvestigation': {
        if (this.phase !== 'brief') return ok;
        if (!this.severity) return refuse('Set a severity first: you can change it later.');
        this.phase = 'investigate';
        this.log(now, 'action', 'You acknowledged the page and started investigating');
        return ok;
      }
      case 'revealHint': {
        const set = this.scenario.hints.find((h) => h.id === action.hintId);
        if (!set) return refuse('There is no such hint.');
        const shown = this.hints.get(set.id) ?? 0;
        const level = set.levels[shown];
        if (!level) return refuse('No more hints here.');
        this.hints.set(set.id, shown + 1);
        this.score = Math.max(0, this.score - level.cost);
        this.log(now, 'action', `Hint ${shown + 1} of ${set.levels.length}: ${set.title} (−${level.cost})`);
        return ok;
      }
      case 'addCard':
        return this.addCard(action.text, action.column, action.evidenceClueId);
      case 'moveCard':
        return this.moveCard(action.cardId, action.column, action.evidenceClueId);
      case 'finishBoard': {
        if (this.phase !== 'board') return refuse('Finish the investigation first: the board is sorted once you have seen the evidence.');
        if (!this.board.some((c) => c.column === 'fact')) return refuse('Mark at least one statement as a fact, citing what you saw.');
        this.phase = 'decide';
        return ok;
      }
      case 'decide': {
        if (this.decision) return refuse(`You already decided to ${label(this.decision.choice)}.`);
        if (this.phase === 'brief') return refuse('Start the investigation first.');
        if (this.phase !== 'investigate' && this.phase !== 'board' && this.phase !== 'decide') return refuse('The decision is behind you.');
        const option = this.scenario.decision.options.find((o) => o.choice === action.choice);
        if (!option) return refuse(`Choose one of: ${this.scenario.decision.options.map((o) => o.label).join('; ')}.`);
        this.decision = { choice: action.choice, at: now };
        this.log(now, 'action', `Decision: ${label(action.choice)}`);
        this.phase = 'verify';
        return ok;
      }
      case 'declareResolved':
        return this.declareResolved(cluster);
      case 'addNote': {
        const text = typeof action.text === 'string' ? action.text.trim() : '';
        if (!text) return refuse('Write the note first.');
        if (text.length > MAX_NOTE_TEXT) return refuse(`Keep notes under ${MAX_NOTE_TEXT} characters.`);
        if (this.notes >= MAX_NOTES) return refuse('The timeline has enough notes.');
        this.notes++;
        this.log(now, 'note', text);
        return ok;
      }
      case 'wait': {
        if (this.phase === 'brief') return refuse('Start the investigation first.');
        const seconds = action.seconds;
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WAIT_SECONDS) {
          return refuse(`Wait between 1 and ${MAX_WAIT_SECONDS} seconds.`);
        }
        cluster.advanceBy(seconds * 1000);
        return ok;
      }
      case 'submitPostmortem':
        return this.submitPostmortem(action.draft, now);
      default:
        return refuse('Unknown action.');
    }
  }

  private addCard(rawText: unknown, column: BoardColumn, evidence: string | undefined): ActionResult {
    const text = typeof rawText === 'string' ? rawText.trim() : '';
    if (!text) return refuse('Write the statement first.');
    if (text.length > MAX_CARD_TEXT) return refuse(`Keep it under ${MAX_CARD_TEXT} characters: one statement per card.`);
    if (!COLUMNS.includes(column)) return refuse('Put it in a column.');
    if (this.learnerCards >= MAX_LEARNER_CARDS) return refuse('The board is full.');
    if (column === 'fact') {
      if (!evidence) return refuse('A fact needs evidence: pick something you saw in the terminal.');
      if (!this.revealed(evidence)) return refuse('That evidence has not been seen yet.');
    }
    this.learnerCards++;
    this.board.push({
      id: `mine-${this.learnerCards}`,
      text,
      column,
      origin: 'learner',
      ...(column === 'fact' && evidence ? { evidenceClueId: evidence } : {}),
    });
    return ok;
  }

  private moveCard(cardId: string, column: BoardColumn, evidence: string | undefined): ActionResult {
    const card = this.board.find((c) => c.id === cardId);
    if (!card) return refuse('There is no such card.');
    if (!COLUMNS.includes(column)) return refuse('Put it in a column.');
    if (column === 'fact') {
      if (!evidence) return refuse('A fact needs evidence: pick something you saw in the terminal.');
      if (!this.revealed(evidence)) return refuse('That evidence has not been seen yet.');
      const spec = this.scenario.board.find((c) => c.id === card.id);
      if (spec && spec.supportedBy.length === 0) {
        return refuse('Nothing you have seen shows this. Keep it as an assumption until the cluster proves it.');
      }
      if (spec && !spec.supportedBy.includes(evidence)) {
        return refuse('That evidence does not show this statement. Pick the output that does, or keep it as an assumption.');
      }
      card.evidenceClueId = evidence;
    } else {
      delete card.evidenceClueId;
    }
    card.column = column;
    return ok;
  }

  private declareResolved(cluster: ClusterControl): ActionResult {
    const now = cluster.now();
    if (this.resolvedAt !== undefined) return refuse('Already resolved.');
    if (this.phase === 'brief') return refuse('Start the investigation first.');
    if (!this.decision) return refuse('Decide what to do first, and carry it out.');
    const reasons = recoveryProblems(cluster, this.scenario.recovery);
    this.attempts.push({ at: now, ok: reasons.length === 0, reasons });
    if (reasons.length > 0) {
      this.score = Math.max(0, this.score - EARLY_RESOLVE_PENALTY);
      this.log(now, 'action', `Declared resolved too early (−${EARLY_RESOLVE_PENALTY})`);
      return ok;
    }
    this.resolvedAt = now;
    this.phase = 'postmortem';
    this.log(now, 'action', 'Declared resolved: the cluster confirms recovery');
    return ok;
  }

  private submitPostmortem(draft: PostmortemDraft, now: number): ActionResult {
    if (this.phase !== 'postmortem') return refuse('The postmortem comes after the incident is resolved.');
    const clean = {} as PostmortemDraft;
    for (const section of SECTIONS) {
      const text = typeof draft?.[section] === 'string' ? draft[section] : '';
      if (text.length > MAX_SECTION_TEXT) return refuse(`Keep each section under ${MAX_SECTION_TEXT} characters.`);
      clean[section] = text;
    }
    const feedback = judgePostmortem(clean, this.scenario.postmortem);
    this.postmortem = { draft: clean, feedback, submittedAt: now };
    this.phase = 'results';
    this.log(now, 'action', 'Postmortem submitted');
    return ok;
  }
}
