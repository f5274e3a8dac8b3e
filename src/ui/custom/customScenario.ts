/**
 * Scenario files a learner wrote and loads in the browser (file picker or drag-and-drop). The file
 * is data only: it is parsed as YAML (or JSON), validated by the same schema as the catalog, and its
 * world is built once in the simulator before it is accepted. Nothing in it is ever run as code or
 * shown as markup (every text is rendered as text). Limits keep a hostile or mistaken file from
 * freezing the page: its size, how far back its history reaches, how many pods it asks for, and
 * clue patterns that nest repeats (catastrophic backtracking on long output).
 *
 * Loaded lazily: it brings the YAML reader, the schema and the simulator.
 */
import { createCluster } from '../../cluster/index';
import { parseScenario, type Scenario } from '../../incident/schema';
import { customKey } from './customKey';
import { TERMINAL_CONTROL } from '../../terminalControl';

export const MAX_FILE_BYTES = 256 * 1024;
const MAX_HISTORY_SECONDS = 30 * 86_400;
const MAX_REPLICAS = 200;

/** heading: one sentence ("f.yaml: invalid scenario"); problems: one line each, naming the path in the file. */
export type CustomParse = { ok: true; scenario: Scenario } | { ok: false; heading: string; problems: string[] };

/**
 * Whether a pattern repeats a group that ends in a repeat of its own — (a+)+, (\w+\s?)*, (x*){2,} —
 * the shape behind catastrophic backtracking. A group that ends in a literal, such as (?:\S+ )*, is
 * fine: each round must consume that literal.
 */
export function nestsRepeats(pattern: string): boolean {
  const open: number[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') open.push(i);
    else if (ch === ')') {
      open.pop();
      const next = pattern[i + 1];
      const before = pattern[i - 1];
      const escaped = pattern[i - 2] === '\\';
      if ((next === '+' || next === '*' || next === '{') && (before === '+' || before === '*' || before === '?' || before === '}') && !escaped) return true;
    }
  }
  return false;
}

function limits(s: Scenario): string[] {
  const problems: string[] = [];
  s.world.history.forEach((h, i) => {
    if (h.at < -MAX_HISTORY_SECONDS || h.at > 0) {
      problems.push(`at world.history[${i}].at: expected a time between -${MAX_HISTORY_SECONDS} (30 days before the learner arrives) and 0, got ${h.at}`);
    }
  });
  // The most each deployment is ever asked for (created, or scaled later), summed; Jobs run one pod at a time per parallelism.
  const most = new Map<string, number>();
  for (const h of s.world.history) {
    const key = h.action === 'createDeployment' ? `${h.deployment.namespace}/${h.deployment.name}` : h.action === 'scaleDeployment' ? `${h.namespace}/${h.name}` : undefined;
    const n = h.action === 'createDeployment' ? h.deployment.replicas : h.action === 'scaleDeployment' ? h.replicas : 0;
    if (key !== undefined) most.set(key, Math.max(most.get(key) ?? 0, n));
  }
  const replicas = [...most.values()].reduce((a, b) => a + b, 0);
  if (replicas > MAX_REPLICAS) problems.push(`at world.history: expected at most ${MAX_REPLICAS} replicas in all, got ${replicas}`);
  const patterns: [string, string][] = [];
  s.clues.forEach((c, i) =>
    c.reveal.forEach((r, j) => {
      if (r.command !== undefined) patterns.push([`clues[${i}].reveal[${j}].command`, r.command]);
      patterns.push([`clues[${i}].reveal[${j}].output`, r.output]);
    }),
  );
  s.decision.options.forEach((o, i) => o.commands.forEach((c, j) => patterns.push([`decision.options[${i}].commands[${j}]`, c])));
  for (const [where, pattern] of patterns) {
    if (nestsRepeats(pattern)) {
      problems.push(`at ${where}: expected a pattern without a repeat inside a repeated group (like (a+)+), which can freeze the page on long output`);
    }
  }
  return problems;
}

/** Every string in the scenario (keys included) that holds a control character, by its path in the file. */
function controlCharacters(value: unknown, path: string, problems: string[]): void {
  if (problems.length >= 5) return;
  if (typeof value === 'string') {
    const found = TERMINAL_CONTROL.exec(value);
    if (found) problems.push(`at ${path || '(top)'}: expected text without control characters (only tab and line breaks), found U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlCharacters(v, `${path}[${i}]`, problems));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      controlCharacters(k, path, problems);
      controlCharacters(v, path ? `${path}.${k}` : k, problems);
    }
  }
}

/** Validates the text of a file the learner chose; every problem names the path in the file. */
export function parseCustomScenario(text: string, fileName: string): CustomParse {
  if (text.length > MAX_FILE_BYTES) return { ok: false, heading: `${fileName}: too large`, problems: [`expected at most ${MAX_FILE_BYTES / 1024} KiB (a scenario file is much smaller), got ${Math.ceil(text.length / 1024)} KiB`] };
  let scenario: Scenario;
  try {
    scenario = parseScenario(text, fileName);
  } catch (error) {
    const lines = (error instanceof Error ? error.message : String(error)).split('\n');
    return { ok: false, heading: lines[0] ?? `${fileName}: invalid scenario`, problems: lines.slice(1).map((l) => l.trim()).filter((l) => l !== '') };
  }
  const problems = limits(scenario);
  controlCharacters(scenario, '', problems);
  if (problems.length > 0) return { ok: false, heading: `${fileName}: invalid scenario`, problems };
  try {
    // The world must build and its history play, as it will when the game starts.
    createCluster(scenario.world, Date.UTC(2026, 0, 1, 12));
  } catch (error) {
    return { ok: false, heading: `${fileName}: invalid scenario`, problems: [`at world: the simulator could not build it (${error instanceof Error ? error.message : String(error)})`] };
  }
  return { ok: true, scenario };
}

/** The scenario as the game plays it: under its custom key, so saves never mix with the catalog's. */
export function asCustom(scenario: Scenario): Scenario {
  return { ...scenario, id: customKey(scenario.id) };
}
