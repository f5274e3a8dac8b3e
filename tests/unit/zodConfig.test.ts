import { describe, expect, it } from 'vitest';

describe('zod under the Content-Security-Policy', () => {
  it("src/zodConfig.ts stops zod from ever calling new Function (the policy forbids eval, and Chromium reports even zod's caught probe)", async () => {
    const original = globalThis.Function;
    const calls: string[] = [];
    globalThis.Function = new Proxy(original, {
      construct(target, args: string[]) {
        calls.push(args.join(','));
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      await import('../../src/zodConfig');
      const { z } = await import('zod');
      expect(z.config().jitless).toBe(true);
      const schema = z.object({ a: z.string(), b: z.number() });
      expect(schema.parse({ a: 'x', b: 1 })).toEqual({ a: 'x', b: 1 });
      expect(schema.parse({ a: 'y', b: 2 })).toEqual({ a: 'y', b: 2 });
    } finally {
      globalThis.Function = original;
    }
    expect(calls).toEqual([]);
  });
});
