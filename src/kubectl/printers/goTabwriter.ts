/**
 * Go's text/tabwriter as kubectl configures it (pad with spaces, no flags). kubectl aligns every
 * table and every `describe` with it, and its column-block rules (a column only spans consecutive
 * lines that have a tab-terminated cell there) shape the output, so this follows the same
 * algorithm rather than a simpler "pad every column" approach.
 */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
  /**
   * kubectl's tabwriter (github.com/liggitt/tabwriter) with RememberWidths: column widths seen in
   * earlier flushes, grown in place. `get -w` prints each watch event as its own flush, so a row
   * is as wide as the widest one before it (verified against kubectl 1.32).
   */
  remembered?: number[];
}

/** `kubectl get` / `kubectl events`: printers.GetNewTabWriter (min width 6, padding 3). */
export const TABLE_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };
/** `describe` and `rollout history`: tabbedString (min width 0, padding 2). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 };

/** Width as Go counts it: runes, not UTF-16 units. */
function runeWidth(s: string): number {
  // Code points: UTF-16 units less one per surrogate pair (a lone surrogate counts as one, as
  // for-of would count it). A plain loop: tables call this for every cell.
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export function tabwrite(text: string, opts: TabwriterOptions): string {
  // A line is its cells; every cell but the last was terminated by a tab.
  const rawLines = text.split('\n');
  const endsWithNewline = rawLines[rawLines.length - 1] === '';
  if (endsWithNewline) rawLines.pop();
  return tabwriteLines(rawLines.map((l) => l.split('\t')), endsWithNewline, opts);
}

/**
 * The same for text already split into lines of cells (none containing a tab or a newline), each
 * line newline-terminated: what `tabwrite(lines.map((l) => l.join('\t') + '\n').join(''))` gives,
 * without building and re-splitting the text (tables of thousands of rows).
 */
export function tabwriteCells(lines: string[][], opts: TabwriterOptions): string {
  return tabwriteLines(lines, true, opts);
}

/** Strings of n spaces, built once: tables pad tens of thousands of cells. */
const SPACES: string[] = [''];
function spaces(n: number): string {
  if (n <= 0) return '';
  if (n < 256) {
    while (SPACES.length <= n) SPACES.push(SPACES[SPACES.length - 1]! + ' ');
    return SPACES[n]!;
  }
  return ' '.repeat(n);
}

/**
 * A cell's width in runes (as runeWidth), or -1 when it holds a tab or a newline (which the
 * tabwriter would treat as a cell or line end).
 */
function plainCellWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c === 9 || c === 10) return -1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * A table's common case: every line has `cols` cells (the grid holds them line after line) and
 * no cell holds a tab or a newline. Then each column is one block spanning every line, as wide as
 * its widest cell plus padding: what `tabwriteCells` gives for the same lines, in one pass over
 * the cells. Undefined when a cell holds a tab or a newline (use `tabwrite` on the text instead).
 */
export function tabwriteGrid(grid: readonly string[], cols: number, opts: TabwriterOptions): string | undefined {
  if (opts.remembered !== undefined || cols <= 0) return undefined;
  const n = grid.length;
  const cellWidths = new Int32Array(n);
  const widths = new Array<number>(cols).fill(opts.minWidth);
  const last = cols - 1;
  for (let i = 0; i < n; i += cols) {
    for (let j = 0; j < cols; j++) {
      const w = plainCellWidth(grid[i + j]!);
      if (w < 0) return undefined;
      cellWidths[i + j] = w;
      if (j < last && w + opts.padding > widths[j]!) widths[j] = w + opts.padding;
    }
  }
  // One line at a time, appended to the output: cheaper than joining an array of lines or of
  // every cell and pad (measured on 10,000-pod tables).
  let out = '';
  for (let i = 0; i < n; i += cols) {
    let s = '';
    for (let j = 0; j < last; j++) {
      s += grid[i + j]!;
      s += spaces(widths[j]! - cellWidths[i + j]!);
    }
    out += s + grid[i + last]! + '\n';
  }
  return out;
}

function tabwriteLines(lines: string[][], endsWithNewline: boolean, opts: TabwriterOptions): string {
  const widths: number[] = [];
  let out = '';

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i]!;
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j]!;
        if (j < cells.length - 1 && j < widths.length) {
          s += cell + ' '.repeat(Math.max(0, widths[j]! - runeWidth(cell)));
        } else {
          s += cell;
        }
      }
      const last = i === lines.length - 1;
      out += s + (last && !endsWithNewline ? '' : '\n');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let thisLine = line0; thisLine < line1; thisLine++) {
      if (column >= lines[thisLine]!.length - 1) continue;
      // This line opens a block of lines that all have a cell in `column`.
      writeLines(line0, thisLine);
      line0 = thisLine;
      let width = opts.minWidth;
      let discardable = true;
      for (; thisLine < line1; thisLine++) {
        const cells = lines[thisLine]!;
        if (column >= cells.length - 1) break;
        const cw = runeWidth(cells[column]!);
        const w = cw + opts.padding;
        if (w > width) width = w;
        if (cw > 0) discardable = false;
      }
      void discardable; // DiscardEmptyColumns is not set by kubectl.
      const seen = opts.remembered;
      if (seen !== undefined) {
        if (seen.length < widths.length) seen.push(...widths.slice(seen.length));
        if (seen.length === widths.length) seen.push(width);
        else if (seen[widths.length]! > width) width = seen[widths.length]!;
        else seen[widths.length] = width;
      }
      widths.push(width);
      format(line0, thisLine);
      widths.pop();
      line0 = thisLine;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}
