/**
 * Command-line flags parsed the way kubectl's flag library (spf13/pflag) parses them:
 * `--name value`, `--name=value`, `-n value`, `-nvalue`, `-n=value`, grouped booleans (`-Ap`),
 * flags anywhere among the arguments, `--` ending the flags. Errors carry pflag's wording.
 */

/** `stringArray`: repeatable (`--from-literal=a=1 --from-literal=b=2`); read with flagStrings. */
export type FlagType = 'bool' | 'string' | 'int' | 'stringArray';

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
}

export type FlagValue = string | number | boolean;

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  /** Arguments that are not flags, in order. */
  args: string[];
  /** How many of `args` came before a `--` (cobra's ArgsLenAtDash); undefined without one. */
  argsLenAtDash?: number;
}

export type FlagParse = { ok: true; value: ParsedFlags } | { ok: false; error: string };

function flagLabel(spec: FlagSpec): string {
  return spec.shorthand !== undefined ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

function convert(spec: FlagSpec, raw: string): { ok: true; value: FlagValue } | { ok: false; error: string } {
  if (spec.type === 'string' || spec.type === 'stringArray') return { ok: true, value: raw };
  if (spec.type === 'bool') {
    // Go's strconv.ParseBool accepts exactly these spellings.
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return { ok: true, value: true };
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return { ok: true, value: false };
    return { ok: false, error: `invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax` };
  }
  if (!/^[+-]?\d+$/.test(raw)) {
    return { ok: false, error: `invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax` };
  }
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) {
    return { ok: false, error: `invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing "${raw}": value out of range` };
  }
  return { ok: true, value: n };
}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): FlagParse {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand !== undefined).map((s) => [s.shorthand!, s]));
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  const set = (spec: FlagSpec, raw: string): string | undefined => {
    const v = convert(spec, raw);
    if (!v.ok) return v.error;
    const prev = values.get(spec.name);
    if (spec.type === 'stringArray' && typeof prev === 'string') values.set(spec.name, `${prev}${ARRAY_SEP}${raw}`);
    else values.set(spec.name, v.value);
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      const atDash = args.length;
      args.push(...argv.slice(i + 1));
      return { ok: true, value: { values, args, argsLenAtDash: atDash } };
    }
    if (a.startsWith('--')) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name);
      if (spec === undefined) return { ok: false, error: `unknown flag: --${name}` };
      let err: string | undefined;
      if (eq >= 0) err = set(spec, body.slice(eq + 1));
      else if (spec.type === 'bool') err = set(spec, 'true');
      else if (i + 1 < argv.length) err = set(spec, argv[++i]!);
      else return { ok: false, error: `flag needs an argument: --${name}` };
      if (err !== undefined) return { ok: false, error: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let rest = a.slice(1);
      while (rest.length > 0) {
        const c = rest[0]!;
        const spec = byShort.get(c);
        if (spec === undefined) return { ok: false, error: `unknown shorthand flag: '${c}' in -${rest}` };
        let err: string | undefined;
        if (rest.length > 2 && rest[1] === '=') {
          err = set(spec, rest.slice(2));
          rest = '';
        } else if (spec.type === 'bool') {
          err = set(spec, 'true');
          rest = rest.slice(1);
        } else if (rest.length > 1) {
          err = set(spec, rest.slice(1));
          rest = '';
        } else if (i + 1 < argv.length) {
          err = set(spec, argv[++i]!);
          rest = '';
        } else {
          return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
        }
        if (err !== undefined) return { ok: false, error: err };
      }
      continue;
    }
    args.push(a);
  }
  return { ok: true, value: { values, args } };
}

const ARRAY_SEP = '\u0000';

/** Every value given to a repeatable (`stringArray`) flag, in order. */
export function flagStrings(p: ParsedFlags, name: string): string[] {
  const v = p.values.get(name);
  return typeof v === 'string' ? v.split(ARRAY_SEP) : [];
}

export function flagString(p: ParsedFlags, name: string): string | undefined {
  const v = p.values.get(name);
  return typeof v === 'string' ? v : undefined;
}
export function flagBool(p: ParsedFlags, name: string, dflt = false): boolean {
  const v = p.values.get(name);
  return typeof v === 'boolean' ? v : dflt;
}
export function flagInt(p: ParsedFlags, name: string): number | undefined {
  const v = p.values.get(name);
  return typeof v === 'number' ? v : undefined;
}
