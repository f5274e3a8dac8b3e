/** Custom scenarios live beside the catalog under this prefix, so a copy never shares a save with the original. */
export const CUSTOM_PREFIX = 'my:';

export function customKey(scenarioId: string): string {
  return `${CUSTOM_PREFIX}${scenarioId}`;
}

export function isCustomKey(id: string): boolean {
  return id.startsWith(CUSTOM_PREFIX);
}
