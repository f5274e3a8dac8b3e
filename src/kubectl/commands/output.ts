/** The `-o/--output` flag: which of kubectl's printers a command uses. */

export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name';

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

export type OutputParse = { ok: true; format: OutputFormat } | { ok: false; message: string };

export function parseOutput(value: string | undefined): OutputParse {
  if (value === undefined || value === '') return { ok: true, format: 'table' };
  if (value === 'wide' || value === 'yaml' || value === 'json' || value === 'name') return { ok: true, format: value };
  const base = value.split('=')[0]!;
  if (ALLOWED.includes(base)) {
    return { ok: false, message: `error: -o ${base} is not simulated in Firedrill; use -o yaml, -o json, -o wide or -o name` };
  }
  return {
    ok: false,
    message: `error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED.join(',')}`,
  };
}
