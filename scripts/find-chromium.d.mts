/** See find-chromium.mjs. */
export function findChromium(options?: { install?: boolean }): string;
