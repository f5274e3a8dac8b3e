#!/usr/bin/env node
/**
 * Finds a Chromium for the end-to-end tests, in this order:
 *   1. Playwright's own build, if `npx playwright install chromium` has put it on disk;
 *   2. /usr/bin/chromium, or `chromium` / `chromium-browser` on PATH;
 *   3. if we are root and apt-get exists: `apt-get update && apt-get install -y chromium`.
 * Otherwise it stops with a message that says what to install.
 *
 * As a script it prints the path; as a module it exports `findChromium()`.
 */
import { existsSync, accessSync, constants } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromium() {
  try {
    const { chromium } = createRequire(import.meta.url)('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function systemChromium() {
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function installWithApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) return undefined;
  console.error('[find-chromium] No Chromium found; installing it with apt-get (one time)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
  return systemChromium();
}

/** @returns {string} an absolute path to a Chromium executable (throws when there is none). */
export function findChromium({ install = true } = {}) {
  const fromEnv = process.env.FIREDRILL_CHROMIUM;
  if (fromEnv && isExecutable(fromEnv)) return fromEnv;
  const found = playwrightChromium() ?? systemChromium() ?? (install ? installWithApt() : undefined);
  if (found) return found;
  throw new Error(
    'No Chromium found for the end-to-end tests.\n' +
      'Install one of:\n' +
      '  npx playwright install chromium      (Playwright\'s own build)\n' +
      '  sudo apt-get install -y chromium     (Debian/Ubuntu)\n' +
      'or set FIREDRILL_CHROMIUM=/path/to/chrome.',
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(findChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
