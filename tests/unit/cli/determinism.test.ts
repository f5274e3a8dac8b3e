/**
 * `npm run play` gives the same bytes for the same arguments, on every scenario in the catalog:
 * each command's output, and the world it dumps (every object and container log). Runs go through
 * the CLI's exported `main` in one process, one after the other, so anything a run leaves behind
 * in module state (a printer's cache, a counter) would show up as a difference in the next.
 * tests/unit/cli/contract.test.ts spawns the real command for one scenario.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli';
import { loadScenarioFile, scenarioIds, scenarioPath } from '../../../src/incident/node';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'firedrill-cli-determinism-'));
let runs = 0;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; dump: string }> {
  const file = join(tmp, `${++runs}.json`);
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main([...args, '--dump-world', file], { stdout, stderr, stdin: Readable.from([]), isTTY: false });
  return { code, stdout: stdout.text, stderr: stderr.text, dump: readFileSync(file, 'utf8') };
}

describe.each(scenarioIds())('npm run play on %s', (id) => {
  const scenario = loadScenarioFile(scenarioPath(id));
  const ns = scenario.recovery.namespace;
  const deploy = scenario.recovery.deployment;
  const args = (clock: string) => [
    '--scenario', id, '--clock', clock,
    '--exec', 'kubectl get pods -A -o wide',
    '--advance', '90',
    '--exec', `kubectl describe pods -n ${ns}`,
    '--exec', `kubectl get pods -n ${ns} -w`,
    '--advance', '45',
    '--exec', `kubectl events -n ${ns}`,
    '--exec', `kubectl rollout restart deployment/${deploy} -n ${ns}`,
    '--advance', '120',
    '--exec', `kubectl get deployment ${deploy} -n ${ns} -o yaml`,
    '--exec', `kubectl get rs,pods -n ${ns} -o json | grep -c '"uid"'`,
    '--exec', 'kubectl get podz',
  ];

  it('gives the same bytes twice for the same arguments (output and dumped world), and others for another clock', async () => {
    const one = await run(args('2026-12-01T09:30:00Z'));
    const two = await run(args('2026-12-01T09:30:00Z'));
    expect(one.code).toBe(1); // the typo at the end
    expect(one.stdout).toContain(`deployment.apps/${deploy} restarted\n`);
    expect(one.dump.length).toBeGreaterThan(10_000);
    expect(two).toEqual(one);
    const later = await run(args('2026-12-01T09:30:01Z'));
    expect(later.dump).not.toBe(one.dump);
  });
});
