/**
 * zod compiles object parsers with `new Function` when it may, after probing whether eval is
 * allowed. The site's Content-Security-Policy forbids eval, and Chromium reports even the caught
 * probe as a policy violation (and a console error). jitless: zod parses without compiling and
 * never probes. zod keeps its configuration on globalThis.__zod_globalConfig (shared by every copy
 * of zod), so this sets it without importing zod into the entry chunk (which would pull the
 * schema chunk into the first load). Imported first by main.ts, before any schema is built;
 * tests/unit/zodConfig.test.ts checks zod still reads it.
 */
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(g.__zod_globalConfig ??= {}).jitless = true;

export {};
