/**
 * What the screens show about a scenario, in one shape. The incident layer's scenario type is
 * richer (cluster spec, clue matchers, rubric rules); `toScenarioView` picks out the words a
 * learner reads, so components never reach into scenario internals.
 */
import type { Decision, PostmortemDraft } from '../incident/api';
import type { BoardKeyCard } from '../incident/boardReview';
import type { Scenario } from '../incident/schema';

export interface HintLevelView {
  text: string;
  /** Points the hint costs, shown before it is revealed. */
  cost: number;
}

export interface HintSetView {
  id: string;
  title: string;
  levels: HintLevelView[];
}

export interface DecisionOptionView {
  choice: Decision;
  label: string;
  description: string;
  /** Shown after choosing: why this is (or is not) the better call here. */
  feedback: string;
}

export interface ExpectedStepView {
  command: string;
  why: string;
}

export interface ScenarioView {
  id: string;
  title: string;
  summary: string;
  alert: { title: string; text: string };
  context: string;
  decision: { question: string; options: DecisionOptionView[] };
  hints: HintSetView[];
  clueTitles: Record<string, string>;
  /** The board's statements with what proves them and why: the key for the end-of-game review. */
  board: BoardKeyCard[];
  answerKey: {
    expectedPath: ExpectedStepView[];
    severity?: string;
    explanation?: string;
    examplePostmortem: PostmortemDraft;
  };
}

/** The words a learner reads, picked out of a validated scenario. */
export function toScenarioView(scenario: Scenario): ScenarioView {
  return {
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    alert: { ...scenario.brief.alert },
    context: scenario.brief.context,
    decision: {
      question: scenario.decision.question,
      options: scenario.decision.options.map((o) => ({ choice: o.choice, label: o.label, description: o.description, feedback: o.feedback })),
    },
    hints: scenario.hints.map((h) => ({ id: h.id, title: h.title, levels: h.levels.map((l) => ({ text: l.text, cost: l.cost })) })),
    clueTitles: Object.fromEntries(scenario.clues.map((c) => [c.id, c.title])),
    board: scenario.board.map((c) => ({ id: c.id, text: c.text, supportedBy: [...c.supportedBy], explanation: c.explanation })),
    answerKey: {
      expectedPath: scenario.answerKey.expectedPath.map((s) => ({ ...s })),
      severity: scenario.answerKey.severity,
      explanation: `${scenario.answerKey.explanation}\n\nSeverity: ${scenario.answerKey.severityWhy}`,
      examplePostmortem: { ...scenario.answerKey.examplePostmortem },
    },
  };
}
