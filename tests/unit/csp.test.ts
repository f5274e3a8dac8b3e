import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP, CSP_DIRECTIVES } from '../../scripts/vite-plugin-csp';

describe('the Content-Security-Policy', () => {
  it('README documents the policy the build ships, and the header form adds frame-ancestors', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`\n${CSP}\n`);
    expect(readme).toContain(`Content-Security-Policy: ${CSP}; frame-ancestors *\n`);
  });

  it('never allows inline script, eval, or anything from another origin', () => {
    for (const [name, ...values] of CSP_DIRECTIVES) {
      for (const value of values) expect(value, name).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
      if (name === 'script-src' || name === 'default-src' || name === 'worker-src') expect(values).toEqual(["'self'"]);
    }
    expect(new Set(CSP_DIRECTIVES.map(([name]) => name)).size).toBe(CSP_DIRECTIVES.length);
  });
});
