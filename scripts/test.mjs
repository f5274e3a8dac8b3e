#!/usr/bin/env node
/**
 * `npm test`: unit + conformance tests (vitest), then the end-to-end tests (Playwright, real
 * Chromium against the built site served from a sub-path). Both suites run even if the first
 * fails, so one run shows everything that is broken. Exit code is non-zero if anything failed.
 *
 *   node scripts/test.mjs              everything
 *   node scripts/test.mjs --unit-only  vitest only
 *   node scripts/test.mjs --e2e-only   Playwright only
 */
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => a !== '--unit-only' && a !== '--e2e-only');
if (unknown.length > 0 || (args.has('--unit-only') && args.has('--e2e-only'))) {
  console.error(`Usage: node scripts/test.mjs [--unit-only | --e2e-only]`);
  process.exit(2);
}
const runUnit = !args.has('--e2e-only');
const runE2e = !args.has('--unit-only');

/** @type {{ name: string; ok: boolean; seconds: number; note?: string }[]} */
const results = [];

function run(name, command, commandArgs, env = {}) {
  console.log(`\n=== ${name}: ${command} ${commandArgs.join(' ')}\n`);
  const started = performance.now();
  const child = spawnSync(command, commandArgs, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = child.status === 0;
  results.push({ name, ok, seconds, note: child.error ? child.error.message : undefined });
  return ok;
}

if (runUnit) {
  run('unit + conformance (vitest)', 'npx', ['vitest', 'run']);
}

if (runE2e) {
  let chromium;
  try {
    chromium = findChromium({ install: true });
    console.log(`\nUsing Chromium at ${chromium}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    results.push({ name: 'end-to-end (Playwright)', ok: false, seconds: 0, note: 'no Chromium' });
  }
  if (chromium) {
    run('end-to-end (Playwright)', 'npx', ['playwright', 'test'], { FIREDRILL_CHROMIUM: chromium });
  }
}

console.log('\n=== Summary');
for (const r of results) {
  const note = r.note ? ` (${r.note})` : '';
  console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  ${r.seconds.toFixed(1)} s${note}`);
}
const failed = results.filter((r) => !r.ok);
console.log(failed.length === 0 ? '\nAll tests passed.' : `\n${failed.length} suite(s) failed.`);
process.exit(failed.length === 0 ? 0 : 1);
