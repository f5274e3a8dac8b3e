/** The incident game's entry point: sessions over a scenario. Pure: no DOM, no Node APIs. */
export * from './api';
export { createSession, createSessionInSlices, restoreSession } from './session';
export type { Scenario } from './schema';
