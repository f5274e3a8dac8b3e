/**
 * Splits a typed line into words the way bash does for the simple commands people type at a
 * prompt: single quotes are literal, double quotes allow backslash escapes, a backslash outside
 * quotes escapes the next character, and an unquoted `|` separates the commands of a pipeline.
 * No expansion ($VAR, globs, subshells) happens: nothing here is a real shell.
 */

export interface Tokenized {
  /** One word list per command of the pipeline (`a | b` gives two). */
  commands: string[][];
  /** bash's complaint when the line cannot be run (an unterminated quote, `|` with no command). */
  error?: string;
}

export function tokenize(line: string): Tokenized {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '|') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      if (words.length === 0) return { commands, error: "bash: syntax error near unexpected token `|'" };
      commands.push(words);
      words = [];
    } else {
      word += ch;
      inWord = true;
    }
  }
  // bash would wait for the closing quote on a continuation line; a one-line terminal cannot.
  if (quote !== undefined) return { commands, error: `bash: unexpected EOF while looking for matching \`${quote}'` };
  if (inWord) words.push(word);
  if (words.length === 0 && commands.length > 0) return { commands, error: "bash: syntax error near unexpected token `|'" };
  if (words.length > 0) commands.push(words);
  return { commands };
}
