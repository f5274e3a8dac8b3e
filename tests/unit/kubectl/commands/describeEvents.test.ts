/** `describe pods` of a whole namespace: each pod's Events section holds that pod's events only. */
import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('describe pods (every pod of a namespace)', () => {
  it("gives each pod its own events, as describing it alone does, also after new events", () => {
    const sh = shell(NS);
    const check = (): void => {
      const names = sh.cluster.list('Pod', NS).map((p) => p.metadata!.name!);
      const all = sh.run('kubectl describe pods').stdout;
      const alone = names.map((n) => sh.run(`kubectl describe pod ${n}`).stdout);
      expect(all).toBe(alone.join('\n\n'));
      const crashing = alone.find((d) => d.includes('CrashLoopBackOff'))!;
      expect(crashing).toMatch(/Warning {2}BackOff/);
      // Each crash-looping pod's events name that pod only.
      for (const d of alone.filter((x) => x.includes('CrashLoopBackOff'))) {
        const name = /^Name:\s+(\S+)/.exec(d)![1]!;
        for (const m of d.matchAll(/in pod (\S+)_/g)) expect(m[1]).toBe(name);
      }
      const healthy = alone.find((d) => /^Name:\s+web-frontend-/.test(d))!;
      expect(healthy).toMatch(/Events:\s+<none>/);
    };
    check();
    sh.cluster.advanceBy(300_000);
    check();
  });
});
