/**
 * The incident game as a state machine: it observes typed lines with their output, takes the
 * learner's actions, and reads the cluster to verify recovery. It never changes the world except
 * by letting time pass (`wait`); everything else happens through kubectl like on a real cluster.
 */
import type { ClusterControl } from '../cluster/api';
import type { ShellResult } from '../kubectl/api';
import {
  DECISION_REASONS,
  type ActionResult,
  type BoardCard,
  type BoardColumn,
  type ChecklistItem,
  type Decision,
  type DecisionReason,
  type GameAction,
  type GameState,
  type PostmortemDraft,
  type Severity,
  type StakeholderUpdate,
  type TimelineEntry,
  type TimelineKind,
} from './api';
import { matchClue, normaliseCommand } from './clues';
import { recoveryProblems } from './recovery';
import { EXTRA_SECTIONS, judgePostmortem, SECTIONS } from './rubric';
import type { Scenario } from './schema';
import { debrief } from './debrief';
import { checkUpdate, MAX_UPDATE_TEXT, MIN_UPDATE_TEXT, updateDue } from './updates';

export const START_SCORE = 100;
export const EARLY_RESOLVE_PENALTY = 10;
export const MAX_WAIT_SECONDS = 600;
const MAX_CARD_TEXT = 200;
const MAX_NOTE_TEXT = 500;
const MAX_SECTION_TEXT = 5000;
const MAX_LEARNER_CARDS = 50;
const MAX_NOTES = 200;
const MAX_UPDATES = 50;
const MIN_HANDOVER_TEXT = 40;
const MAX_HANDOVER_TEXT = 2000;
/** Looking at what users reach: the Service, its endpoints, or a request through it. */
const IMPACT_COMMAND =
  /^kubectl (?:\S+ )*?(?:(?:describe|get) (?:\S+ )*?(?:svc|services?|ep|endpoints|endpointslices?|endpointslice\.discovery\.k8s\.io)\b|(?:describe|get) (?:\S+ )*?(?:svc|services?|ep|endpoints)\/|exec\b.*\b(?:wget|curl)\b)/;

const SEVERITIES: readonly Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const COLUMNS: readonly BoardColumn[] = ['unsorted', 'fact', 'assumption'];
const MUTATING = /^kubectl (?:\S+ )*?(?:rollout (?:undo|restart|pause|resume)|set|scale|delete|patch|edit|apply|create|replace|label|annotate)\b/;

const ok: ActionResult = { ok: true };
const refuse = (message: string): ActionResult => ({ ok: false, message });

function label(choice: Decision): string {
  return choice === 'rollback' ? 'roll back' : choice === 'fix-forward' ? 'fix forward' : 'hold (change nothing)';
}

function reasonLabel(reason: DecisionReason): string {
  return reason.replace('-', ' ');
}

/** Known reasons, each once, in the canonical order; undefined when any is unknown. */
function cleanReasons(raw: unknown): DecisionReason[] | undefined {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.some((r) => !DECISION_REASONS.includes(r as DecisionReason))) return undefined;
  return DECISION_REASONS.filter((r) => raw.includes(r));
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
  private debriefed: GameState['debrief'];
  private score = START_SCORE;
  private learnerCards = 0;
  private notes = 0;
  private severityAt: number | undefined;
  private startedAt: number | undefined;
  private impactAt: number | undefined;
  private readonly updates: StakeholderUpdate[] = [];
  private handover: GameState['handover'];
  private updatesAtDecision: number | undefined;
  private updatesAtResolve: number | undefined;

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
      updates: this.updates,
      ...this.dueUpdate(now),
      ...(this.handover ? { handover: this.handover } : {}),
      checklist: this.checklist(),
      resolveAttempts: this.attempts,
      ...(this.resolvedAt !== undefined ? { resolvedAt: this.resolvedAt } : {}),
      ...(this.postmortem ? { postmortem: this.postmortem } : {}),
      ...(this.debriefed ? { debrief: this.debriefed } : {}),
      score: this.score,
    });
  }

  /** What a typed line and its output tell the game. */
  /** `edit` is given when `kubectl edit`'s editor closed: whether that changed the cluster. */
  observe(line: string, result: ShellResult, now: number, edit?: { applied: boolean }): void {
    if (this.phase === 'brief' || this.phase === 'results') return;
    for (const clue of this.scenario.clues) {
      if (this.revealed(clue.id)) continue;
      const evidence = matchClue(clue, line, result);
      if (evidence === undefined) continue;
      this.clues.push({ id: clue.id, at: now, command: line.trim(), evidence });
      this.log(now, 'finding', clue.finding);
      this.promoteAssumptions(clue.id, clue.title, now);
    }
    if (this.phase === 'investigate' && this.stepsDone()) this.phase = 'board';
    if (this.impactAt === undefined && result.exitCode === 0 && IMPACT_COMMAND.test(normaliseCommand(line))) this.impactAt = now;

    if (result.exitCode !== 0) return;
    // `kubectl edit` changes the cluster when its editor closes with a change: not when it opens,
    // and not when it is closed unsaved, unchanged or skipped, so neither is an action or a decision.
    if (result.edit !== undefined || edit?.applied === false) return;
    const command = normaliseCommand(line);
    if (!MUTATING.test(command)) return;
    this.log(now, 'action', `Ran ${command}`);
    const carriedOut = this.scenario.decision.options.find((o) => o.commands.some((c) => new RegExp(c).test(command)));
    if (carriedOut && !this.decision && (this.phase === 'investigate' || this.phase === 'board' || this.phase === 'decide')) {
      // Acting is deciding: the learner mitigated before saying so, which is a legitimate call.
      this.decision = { choice: carriedOut.choice, at: now };
      this.updatesAtDecision = this.updates.length;
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
          this.severityAt ??= now;
        }
        return ok;
      }
      case 'startInvestigation': {
        if (this.phase !== 'brief') return ok;
        if (!this.severity) return refuse('Set a severity first: you can change it later.');
        this.phase = 'investigate';
        this.startedAt = now;
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
        const reasons = cleanReasons(action.reasons);
        if (reasons === undefined) return refuse(`Reasons are some of: ${DECISION_REASONS.join(', ')}.`);
        this.decision = { choice: action.choice, at: now, ...(reasons.length > 0 ? { reasons } : {}) };
        this.updatesAtDecision = this.updates.length;
        this.log(now, 'action', `Decision: ${label(action.choice)}${reasons.length > 0 ? ` (because of ${reasons.map(reasonLabel).join(', ')})` : ''}`);
        this.phase = 'verify';
        return ok;
      }
      case 'giveReasons': {
        if (!this.decision) return refuse('Decide first; then say why.');
        const reasons = cleanReasons(action.reasons);
        if (reasons === undefined || reasons.length === 0) return refuse(`Pick at least one of: ${DECISION_REASONS.map(reasonLabel).join(', ')}.`);
        this.decision.reasons = reasons;
        this.log(now, 'action', `Reasons for the decision: ${reasons.map(reasonLabel).join(', ')}`);
        return ok;
      }
      case 'postUpdate':
        return this.postUpdate(action.text, now);
      case 'handOver': {
        if (this.phase === 'brief') return refuse('Start the investigation first.');
        const text = typeof action.text === 'string' ? action.text.trim() : '';
        if (text.length < MIN_HANDOVER_TEXT) return refuse(`Say what happened, where it stands and what is still open (at least ${MIN_HANDOVER_TEXT} characters).`);
        if (text.length > MAX_HANDOVER_TEXT) return refuse(`Keep the hand-over under ${MAX_HANDOVER_TEXT} characters.`);
        this.handover = { at: now, text };
        this.log(now, 'comms', 'Handed the incident over');
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

  private postUpdate(raw: unknown, now: number): ActionResult {
    if (this.phase === 'brief') return refuse('Start the investigation first: then tell stakeholders.');
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text.length < MIN_UPDATE_TEXT) return refuse(`Write a little more (at least ${MIN_UPDATE_TEXT} characters): impact, status, next step, next update.`);
    if (text.length > MAX_UPDATE_TEXT) return refuse(`Keep updates under ${MAX_UPDATE_TEXT} characters: stakeholders read them on a phone.`);
    if (this.updates.length >= MAX_UPDATES) return refuse('That is plenty of updates for one incident.');
    const moment = this.dueUpdate(now).updateDue?.moment;
    this.updates.push({ at: now, text, ...(moment ? { moment } : {}), checks: checkUpdate(text) });
    this.log(now, 'comms', `Stakeholder update: ${text.length > 140 ? `${text.slice(0, 139)}…` : text}`);
    return ok;
  }

  private dueUpdate(now: number): Pick<GameState, 'updateDue'> {
    if (this.phase === 'brief' || this.phase === 'results') return {};
    const moment = updateDue({
      now,
      started: this.startedAt !== undefined,
      updates: this.updates.map((u) => u.at),
      updatesAtDecision: this.updatesAtDecision,
      updatesAtResolve: this.updatesAtResolve,
    });
    return moment ? { updateDue: { moment } } : {};
  }

  private checklist(): ChecklistItem[] {
    const stepsLeft = this.scenario.steps.filter((s) => !s.clues.some((c) => this.revealed(c)));
    const item = (id: ChecklistItem['id'], label: string, done: boolean, doneDetail: string, openDetail: string): ChecklistItem => ({
      id,
      label,
      done,
      detail: done ? doneDetail : openDetail,
    });
    return [
      item('acknowledge', 'Acknowledge the page', this.startedAt !== undefined, 'You took the incident.', 'Read the brief and start investigating.'),
      item(
        'impact',
        'Assess user impact',
        this.impactAt !== undefined,
        'You looked at what users reach.',
        'Check what users get: the Service and its ready endpoints, or a request through it.',
      ),
      item('severity', 'Set a severity', this.severity !== undefined, `Set to ${this.severity ?? ''}; change it if the impact turns out different.`, 'Pick a severity from the matrix.'),
      item(
        'communicate',
        'Communicate',
        this.updates.length > 0,
        `${this.updates.length} stakeholder update${this.updates.length === 1 ? '' : 's'} sent.`,
        'Send stakeholders an update: impact, status, next step, time of the next update.',
      ),
      item(
        'investigate',
        'Investigate',
        stepsLeft.length === 0,
        'Every investigation step is done.',
        `Still open: ${stepsLeft.map((s) => s.title.charAt(0).toLowerCase() + s.title.slice(1)).join('; ')}.`,
      ),
      item('mitigate', 'Mitigate', this.decision !== undefined, this.decision ? `You chose to ${label(this.decision.choice)}.` : '', 'Decide: roll back, fix forward, or hold; carry it out.'),
      item('verify', 'Verify recovery', this.resolvedAt !== undefined, 'The cluster confirmed recovery.', 'Prove it in the cluster, then declare it resolved.'),
      item('handover', 'Hand over', this.handover !== undefined, 'Hand-over note written.', 'Write the hand-over: what happened, where it stands, what is still open and who owns it.'),
      item('postmortem', 'Postmortem', this.postmortem !== undefined, 'Postmortem submitted.', 'Write the postmortem once the incident is resolved.'),
    ];
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
    delete card.promotedAt;
    card.column = column;
    return ok;
  }

  /**
   * Evidence just appeared: a scenario card the learner holds as an assumption, and that this clue
   * proves, becomes a fact citing it. Only from Assumptions: a card in Unknown has not been judged,
   * and sorting it for the learner would take the exercise away. Derived from the typed line, so a
   * replay promotes the same cards at the same moment.
   */
  private promoteAssumptions(clueId: string, clueTitle: string, now: number): void {
    for (const card of this.board) {
      if (card.origin !== 'scenario' || card.column !== 'assumption') continue;
      const spec = this.scenario.board.find((c) => c.id === card.id);
      if (!spec?.supportedBy.includes(clueId)) continue;
      card.column = 'fact';
      card.evidenceClueId = clueId;
      card.promotedAt = now;
      this.log(now, 'finding', `Now a fact: ${card.text}, shown by ${clueTitle}`);
    }
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
    this.updatesAtResolve = this.updates.length;
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
    for (const section of EXTRA_SECTIONS) {
      const text = draft?.[section];
      if (typeof text !== 'string' || text.trim() === '') continue;
      if (text.length > MAX_SECTION_TEXT) return refuse(`Keep each section under ${MAX_SECTION_TEXT} characters.`);
      clean[section] = text;
    }
    const feedback = judgePostmortem(clean, this.scenario.postmortem);
    this.postmortem = { draft: clean, feedback, submittedAt: now };
    let hintCost = 0;
    let hintCount = 0;
    for (const [id, revealed] of this.hints) {
      for (const level of this.scenario.hints.find((h) => h.id === id)?.levels.slice(0, revealed) ?? []) {
        hintCost += level.cost;
        hintCount++;
      }
    }
    this.debriefed = debrief(this.scenario, {
      severity: this.severity,
      cluesRevealed: this.clues.length,
      decision: this.decision?.choice,
      earlyCalls: this.attempts.filter((a) => !a.ok).length,
      resolved: this.resolvedAt !== undefined,
      updates: this.updates,
      postmortemSectionsOk: feedback.filter((f) => f.ok).length,
      hintCost,
      hintCount,
      arrivalMs: this.arrivalMs,
      decidedAt: this.decision?.at,
      resolvedAt: this.resolvedAt,
    });
    this.score = this.debriefed.total;
    this.phase = 'results';
    this.log(now, 'action', 'Postmortem submitted');
    return ok;
  }
}
