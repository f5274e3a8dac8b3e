import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createSession, type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';

export const SCENARIO_ID = 'taskflow-crashloop';
export const NS = 'taskflow-demo';
/** 2026-11-24T15:40:00Z */
export const ARRIVAL = Date.UTC(2026, 10, 24, 15, 40, 0);

export function scenario(): Scenario {
  return loadScenarioFile(scenarioPath(SCENARIO_ID));
}

export function scenarioText(): string {
  return readFileSync(scenarioPath(SCENARIO_ID), 'utf8');
}

/** A session past the brief: severity set, investigation started (both must be accepted). */
export function startSession(s: Scenario, arrivalMs: number, severity: Severity): Session {
  const session = createSession(s, { arrivalMs });
  expect(session.dispatch({ type: 'setSeverity', severity })).toEqual({ ok: true });
  expect(session.dispatch({ type: 'startInvestigation' })).toEqual({ ok: true });
  return session;
}

/** Lets `seconds` of sim time pass a minute at a time, then declares resolved: the cluster's answer. */
export function resolveAfter(s: Session, seconds: number): { ok: boolean; reasons: string[] } {
  for (let left = seconds; left > 0; left -= 60) s.dispatch({ type: 'wait', seconds: Math.min(60, left) });
  s.dispatch({ type: 'declareResolved' });
  return s.state().resolveAttempts.at(-1)!;
}
