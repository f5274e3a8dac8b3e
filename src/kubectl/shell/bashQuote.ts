/**
 * How bash shows a word with unprintable characters in its messages (`bash: $'\n': command not
 * found`): ansic_quote in bash's lib/sh/strtrans.c. Printable words are shown as they are.
 */
const NAMED: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\x1b': '\\E' };

function unprintable(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function octalBytes(ch: string): string {
  return [...new TextEncoder().encode(ch)].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
}

export function bashQuoteWord(word: string): string {
  let needs = false;
  for (let i = 0; i < word.length; i++) if (unprintable(word.charCodeAt(i))) needs = true;
  if (!needs) return word;
  let out = "$'";
  for (const ch of word) {
    const code = ch.codePointAt(0)!;
    if (NAMED[ch] !== undefined) out += NAMED[ch];
    else if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (unprintable(code)) out += octalBytes(ch);
    else out += ch;
  }
  return `${out}'`;
}
