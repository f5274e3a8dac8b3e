/** The `-o/--output` flag: which of kubectl's printers a command uses. */

export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'jsonpath-as-json' | 'custom-columns';

const ALLOWED = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];

export type OutputParse =
  | { ok: true; format: OutputFormat; /** The template or column spec after `=` (jsonpath, custom-columns). */ template?: string }
  | { ok: false; message: string };

export function parseOutput(value: string | undefined): OutputParse {
  if (value === undefined || value === '') return { ok: true, format: 'table' };
  if (value === 'wide' || value === 'yaml' || value === 'json' || value === 'name') return { ok: true, format: value };
  // kubectl tries the template printers first: `jsonpath=T`, `jsonpath-as-json=T`.
  for (const f of ['jsonpath', 'jsonpath-as-json'] as const) {
    if (value === f || value.startsWith(`${f}=`)) {
      const template = value.slice(f.length + 1);
      if (template === '') return { ok: false, message: 'error: template format specified but no template given' };
      return { ok: true, format: f, template };
    }
  }
  if (value === 'custom-columns' || value.startsWith('custom-columns=')) {
    const spec = value.slice('custom-columns'.length + 1);
    if (spec === '') return { ok: false, message: 'error: custom-columns format specified but no custom columns given' };
    return { ok: true, format: 'custom-columns', template: spec };
  }
  const base = value.split('=')[0]!;
  if (ALLOWED.includes(base)) {
    return { ok: false, message: `error: -o ${base} is not simulated in Firedrill; use -o yaml, -o json, -o wide, -o name, -o jsonpath= or -o custom-columns=` };
  }
  return {
    ok: false,
    message: `error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED.join(',')}`,
  };
}
