/**
 * Runs a lab manifest's busybox script (`command: [sh, -c]`) with a POSIX shell, to compare what
 * it prints and how it ends with the game's outcome for the same inputs. What only a container
 * has is stubbed: a web server or an idle wait that would run forever, an allocation that would
 * eat the host's memory, a writable /www, and sleep without the wait.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { holds, type RunInputs } from '../../../src/cluster/controllers/containerBehaviour';
import type { ImageBehaviour } from '../../../src/cluster/spec';

/** How a run ends: `exit N`, `runs` (serves or idles until stopped), or `oom` (allocates past any limit). */
export interface ScriptRun {
  lines: string[];
  ending: string;
}

export interface LabContainer {
  command: string[];
  args: string[];
}

const STUBS: Record<string, string> = {
  httpd: 'echo "<runs>"',
  tail: 'if [ "$1" = "-f" ]; then echo "<runs>"; else echo "<oom>"; fi',
  mkdir: 'exit 0',
  sleep: 'exit 0',
};

/** A directory of stub commands to put first in PATH; remove it with `rmSync(dir, { recursive: true })`. */
export function stubBin(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-lab-'));
  for (const [name, body] of Object.entries(STUBS)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

export function removeStubBin(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The script's log lines without their timestamps, and how it ended. */
export function runLabScript(bin: string, c: LabContainer, env: Record<string, string>): ScriptRun {
  expect(c.command).toEqual(['sh', '-c']);
  let stdout: string;
  let code = 0;
  try {
    stdout = execFileSync('sh', ['-c', c.args[0]!], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: `${bin}:/usr/bin:/bin`, ...env } });
  } catch (error) {
    const e = error as { status: number; stdout: string };
    stdout = e.stdout;
    code = e.status;
  }
  const lines = stdout.split('\n').filter((l) => l !== '');
  const marker = /^<(runs|oom)>$/.exec(lines.at(-1) ?? '')?.[1];
  const logs = marker === undefined ? lines : lines.slice(0, -1);
  for (const l of logs) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z /);
  return { lines: logs.map((l) => l.replace(/^\S+ /, '')), ending: marker ?? `exit ${code}` };
}

/** What the game's container prints and how it ends, for the same inputs (its first outcome that holds). */
export function gameRun(behaviour: ImageBehaviour, inputs: RunInputs, pod: string): ScriptRun {
  const outcome = behaviour.outcomes.find((o) => holds(o.when, inputs))!;
  const lines = outcome.logs.map((l) =>
    l.text
      .replace('{{time}} ', '')
      .replace('{{pod}}', pod)
      .replace(/\{\{env\.(\w+)\}\}/g, (_, name: string) => inputs.env.get(name) ?? ''),
  );
  const growing = (outcome.memory?.growMibPerMinute ?? 0) > 0;
  return { lines, ending: outcome.exit ? `exit ${outcome.exit.code}` : growing ? 'oom' : 'runs' };
}
