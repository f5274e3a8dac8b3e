/**
 * `kubectl get -o jsonpath=TEMPLATE | jsonpath-as-json=TEMPLATE | custom-columns=SPEC`: kubectl's
 * JSONPathPrinter and CustomColumnsPrinter over the object (one named object) or the v1 List
 * kubectl builds for everything else.
 */
import { goQuote, goSharpV, goV, type JsonPath, parseJsonPath } from '../jsonpath';
import { TABLE_TABWRITER, tabwrite } from '../printers/goTabwriter';

/** What a template printer prints: stdout text, and an error kubectl reports after it. */
export interface TemplateOutput {
  text: string;
  /** Complete message (with `error: `), ending in a newline. */
  error?: string;
}

export interface TemplatePrinter {
  /** `opts` (custom-columns in a watch): leave the header out, and lay columns out no narrower than before. */
  print(value: unknown, opts?: { noHeaders?: boolean; remembered?: number[] }): TemplateOutput;
}

export type TemplatePrinterResult = { ok: true; printer: TemplatePrinter } | { ok: false; message: string };

/** The --allow-missing-template-keys default is true: a missing field prints nothing. */
export function jsonPathPrinter(template: string, asJson: boolean, allowMissingKeys = true): TemplatePrinterResult {
  const parsed = parseJsonPath(template, allowMissingKeys);
  if (!parsed.ok) return { ok: false, message: `error: error parsing jsonpath ${template}, ${parsed.error}` };
  const path = parsed.path;
  path.outputJson = asJson;
  return {
    ok: true,
    printer: {
      print(value) {
        const r = path.execute(value);
        if (r.ok) return { text: r.text };
        const detail =
          `Error executing template: ${r.error}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${template}\n` +
          `\tobject given to jsonpath engine was:\n\t\t${goSharpV(value)}\n\n`;
        return { text: '', error: `error: error executing jsonpath ${goQuote(template)}: ${detail}\n` };
      },
    },
  };
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
function relaxed(expr: string): { ok: true; spec: string } | { ok: false; message: string } {
  if (expr === '') return { ok: true, spec: '' };
  const m = RELAXED.exec(expr);
  if (m === null) {
    return { ok: false, message: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  }
  return { ok: true, spec: `{.${m[1] ?? m[2]}}` };
}

/** printers.EscapeTerminal: control sequences are shown, not obeyed. */
function escapeTerminal(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

export function customColumnsPrinter(spec: string, noHeaders: boolean): TemplatePrinterResult {
  const columns: { header: string; spec: string }[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, message: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const r = relaxed(part.slice(colon + 1));
    if (!r.ok) return { ok: false, message: `error: ${r.message}` };
    columns.push({ header: part.slice(0, colon), spec: r.spec });
  }
  return {
    ok: true,
    printer: {
      print(value, opts) {
        const lines: string[] = [];
        if (!noHeaders && opts?.noHeaders !== true) lines.push(columns.map((c) => c.header).join('\t'));
        const tab = opts?.remembered !== undefined ? { ...TABLE_TABWRITER, remembered: opts.remembered } : TABLE_TABWRITER;
        const flush = (): string => tabwrite(lines.map((l) => l + '\n').join(''), tab);
        // One parser per column, reused for every item (as kubectl does).
        const parsers: JsonPath[] = [];
        for (const c of columns) {
          const p = parseJsonPath(c.spec, true);
          if (!p.ok) return { text: flush(), error: `error: ${p.error}\n` };
          parsers.push(p.path);
        }
        const v = value as { kind?: string; items?: unknown[] };
        const items = v.kind === 'List' && Array.isArray(v.items) ? v.items : [value];
        for (const item of items) {
          const cells: string[] = [];
          for (const p of parsers) {
            const r = p.findResults(item);
            if (!r.ok) return { text: flush(), error: `error: ${r.error}\n` };
            const strs: string[] = [];
            if (r.results.length === 0 || r.results[0]!.length === 0) strs.push('<none>');
            for (const res of r.results) for (const x of res) strs.push(escapeTerminal(goV(x)));
            cells.push(strs.join(','));
          }
          lines.push(cells.join('\t'));
        }
        return { text: flush() };
      },
    },
  };
}
