import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the CLI with a following command', () => {
  it('prints what arrives during the --advance steps after it, and the next --exec stops it', () => {
    const args = [
      'tsx', 'src/cli.ts', '--scenario', 'taskflow-crashloop', '--clock', '2026-11-24T15:40:00Z',
      '--exec', 'kubectl get deploy api-service -n taskflow-demo -w',
      '--exec', 'kubectl rollout undo deployment/api-service -n taskflow-demo',
      '--exec', 'kubectl get deploy api-service -n taskflow-demo --watch-only',
      '--advance', '30',
      '--exec', 'date',
      '--advance', '30',
    ];
    const out = execFileSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.split('\n');
    // The first watch was stopped by the next --exec before any time passed: just its table.
    expect(lines[0]).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$/);
    expect(lines[1]).toMatch(/^api-service +0\/2 /);
    expect(lines[2]).toBe('deployment.apps/api-service rolled back');
    // --watch-only: the header with the first change, then rows as the rollout progresses.
    expect(lines[3]).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$/);
    const rows = lines.slice(4, lines.indexOf('Tue Nov 24 15:40:30 UTC 2026'));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => r.startsWith('api-service '))).toBe(true);
    expect(rows.at(-1)).toMatch(/^api-service +2\/2 +2 +2 /);
    // After `date` nothing follows, so the last --advance prints nothing.
    expect(lines.at(-2)).toBe('Tue Nov 24 15:40:30 UTC 2026');
  }, 30_000);
});
