/** The scenarios built into the site (scripts/vite-plugin-scenarios.ts). */
declare module 'virtual:firedrill/scenarios' {
  import type { Scenario } from './incident/schema';

  export interface CatalogEntry {
    id: string;
    title: string;
    summary: string;
    failureType: string;
    difficulty: Scenario['difficulty'];
    estimatedMinutes: number;
  }
  export const catalog: readonly CatalogEntry[];
  /** The validated scenario, or undefined for an unknown id. */
  export function loadScenario(id: string): Promise<Scenario | undefined>;
}
