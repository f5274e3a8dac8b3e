/**
 * The shell's line editor: turns what xterm.js reports as typed (`onData`) into edits of one input
 * line, the escape sequences that redraw it, and lines to run. It knows nothing of xterm or the
 * DOM, so it is tested by feeding key sequences to a fake host.
 *
 * Keys: printable text and paste (a multi-line paste runs each complete line), Backspace, Delete,
 * Left/Right, Home/End, Up/Down (history), Ctrl-A/E (start/end), Ctrl-U/K (kill before/after the
 * cursor), Ctrl-W (kill the word before the cursor), Ctrl-C (abandon the line), Ctrl-L (clear the
 * screen), Enter (run), Tab (complete, as bash: one match completes, several list on the second
 * Tab, none does nothing), Ctrl-R (reverse incremental search of the history, shown as bash shows
 * it: (reverse-i-search)`query': line).
 */

export interface LineEditorHost {
  /** Write raw terminal text (already "\r\n"-terminated where needed). */
  write(text: string): void;
  /**
   * Run a complete line. The host prints its output; the editor prints the next prompt, unless
   * this returns true: the command keeps running (`kubectl get -w`) until the host calls
   * `commandEnded()`. Meanwhile only Ctrl-C does anything: it calls `interrupt()`.
   */
  run(line: string): boolean | void;
  /** Ctrl-C while a command runs. */
  interrupt?(): void;
  /** Tab: where the word being completed starts and the whole words that could replace it. */
  complete?(line: string, cursor: number): { start: number; candidates: readonly string[] };
  /** Clear the screen and scrollback. */
  clear(): void;
  /** The prompt to show now (it may change after a run, e.g. the namespace). */
  prompt(): string;
  /** Terminal width in columns, to redraw lines that wrap. */
  columns(): number;
  /**
   * What must arrive before lines can run or complete (the game's engine, fetched after the
   * prompt is up), or undefined when they can run now. A line entered meanwhile waits as a
   * running command does (Ctrl-C abandons it); what was pasted after it waits with it.
   */
  pending?(): Promise<void> | undefined;
}

const ESC = '\x1b';
/** Lines kept for Up/Down and Ctrl-R. */
export const MAX_EDITOR_HISTORY = 1000;
const CSI = `${ESC}[`;

/** Length of text as the terminal shows it: escape sequences take no columns. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex -- we are stripping terminal control sequences
  return [...text.replace(/\x1b\[[0-9;?]*[@-~]/g, '')].length;
}

export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;
  private readonly past: string[];
  /** Index into `past` while browsing history; `past.length` means the line being typed. */
  private browsing: number;
  private draft: string[] = [];
  private promptText = '';
  private lastWasCarriageReturn = false;
  /** A command is running (following): no prompt, keys other than Ctrl-C are dropped. */
  private busy = false;
  /** Line and cursor when a Tab found several matches and could add nothing: a second Tab lists. */
  private ambiguousAt: string | undefined;
  /** The line entered while `pending` held: it runs when that resolves, unless Ctrl-C came first. */
  private waiting: { line: string; typeAhead: string } | undefined;
  /** Ctrl-R in progress: what is typed, the history entry it found, and the line to go back to. */
  private search: { query: string; match: number | undefined; failed: boolean; prompt: string; saved: string[]; savedCursor: number } | undefined;

  constructor(
    private readonly host: LineEditorHost,
    history: readonly string[] = [],
  ) {
    this.past = [...history];
    this.browsing = this.past.length;
  }

  /** The line as typed so far. */
  get line(): string {
    return this.chars.join('');
  }

  get cursorIndex(): number {
    return this.cursor;
  }

  get history(): readonly string[] {
    return this.past;
  }

  /** Print a fresh prompt with an empty line (at start, after a reload, after Ctrl-C). */
  showPrompt(): void {
    this.promptText = this.host.prompt();
    this.chars = [];
    this.cursor = 0;
    this.browsing = this.past.length;
    this.host.write(this.promptText);
  }

  /** Whether a command is running (no prompt shown). */
  get running(): boolean {
    return this.busy;
  }

  /** A command is running already (restored mid-`watch`): wait for it instead of prompting. */
  awaitCommand(): void {
    this.busy = true;
  }

  /** The running command ended (by itself, or after Ctrl-C): show the prompt again. */
  commandEnded(interrupted: boolean): void {
    if (!this.busy) return;
    this.busy = false;
    if (interrupted) this.host.write('^C\r\n');
    this.showPrompt();
  }

  /** Feed what xterm reported as typed or pasted. */
  feed(data: string): void {
    if (this.busy) {
      if (this.waiting !== undefined) {
        // Still loading what the line needs: keep type-ahead, as a terminal would; Ctrl-C abandons.
        if (data.includes('\x03')) {
          this.waiting = undefined;
          this.commandEnded(true);
        } else {
          this.waiting.typeAhead += data;
        }
        return;
      }
      // A real terminal would queue type-ahead; we drop it and listen for Ctrl-C only.
      if (data.includes('\x03')) this.host.interrupt?.();
      return;
    }
    let input = data;
    if (this.search !== undefined) {
      input = this.feedSearch(input);
      if (input === '') return;
    }
    let printable = '';
    const flush = () => {
      if (printable) this.insert(printable);
      printable = '';
    };
    while (input.length > 0) {
      const ch = input[0] as string;
      if (ch === ESC) {
        flush();
        this.lastWasCarriageReturn = false;
        const sequence = readEscape(input);
        // xterm reports a key's whole sequence in one call; a lone ESC (the Escape key) is ignored.
        if (sequence === undefined) return;
        this.escape(sequence);
        input = input.slice(sequence.length);
        continue;
      }
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0x20 && code !== 0x7f) {
        // Collect a run of printable characters so a paste redraws once, not per character.
        const cp = String.fromCodePoint(code);
        printable += cp;
        this.lastWasCarriageReturn = false;
        input = input.slice(cp.length);
        continue;
      }
      flush();
      input = input.slice(1);
      if (ch === '\n' && this.lastWasCarriageReturn) {
        // "\r\n" from a paste is one line break, not two.
        this.lastWasCarriageReturn = false;
        continue;
      }
      this.lastWasCarriageReturn = ch === '\r';
      this.control(ch);
      // The line just entered waits for what it needs: the rest of a paste waits with it.
      if (this.waiting !== undefined) {
        this.waiting.typeAhead += input;
        return;
      }
      // The line just run follows: the rest of a paste is type-ahead, dropped.
      if (this.busy) return;
      if (this.search !== undefined) {
        input = this.feedSearch(input);
        if (input === '') return;
      }
    }
    flush();
  }

  private control(ch: string): void {
    switch (ch) {
      case '\r':
      case '\n':
        this.enter();
        return;
      case '\x7f':
      case '\b':
        this.backspace();
        return;
      case '\x01':
        this.moveTo(0);
        return;
      case '\x05':
        this.moveTo(this.chars.length);
        return;
      case '\x02':
        this.moveTo(this.cursor - 1);
        return;
      case '\x06':
        this.moveTo(this.cursor + 1);
        return;
      case '\x04':
        this.deleteForward();
        return;
      case '\x15':
        this.edit(this.chars.slice(this.cursor), 0);
        return;
      case '\x0b':
        this.edit(this.chars.slice(0, this.cursor), this.cursor);
        return;
      case '\x17':
        this.killWordBack();
        return;
      case '\x03':
        this.interrupt();
        return;
      case '\x0c':
        this.clearScreen();
        return;
      case '\t':
        this.tab();
        return;
      case '\x12':
        this.startSearch();
        return;
      default:
        // Bell and the rest: a real shell would beep; we stay quiet.
        return;
    }
  }

  private escape(sequence: string): void {
    switch (sequence) {
      case `${CSI}D`:
      case `${ESC}OD`:
        this.moveTo(this.cursor - 1);
        return;
      case `${CSI}C`:
      case `${ESC}OC`:
        this.moveTo(this.cursor + 1);
        return;
      case `${CSI}A`:
      case `${ESC}OA`:
        this.historyStep(-1);
        return;
      case `${CSI}B`:
      case `${ESC}OB`:
        this.historyStep(1);
        return;
      case `${CSI}H`:
      case `${ESC}OH`:
      case `${CSI}1~`:
      case `${CSI}7~`:
        this.moveTo(0);
        return;
      case `${CSI}F`:
      case `${ESC}OF`:
      case `${CSI}4~`:
      case `${CSI}8~`:
        this.moveTo(this.chars.length);
        return;
      case `${CSI}3~`:
        this.deleteForward();
        return;
      default:
        return;
    }
  }

  private startSearch(): void {
    this.search = { query: '', match: undefined, failed: false, prompt: this.promptText, saved: [...this.chars], savedCursor: this.cursor };
    this.renderSearch();
  }

  /**
   * Keys while searching. Returns what is left to handle as ordinary editing (after a key that
   * ends the search, e.g. an arrow or Ctrl-A, which bash applies to the found line).
   */
  private feedSearch(data: string): string {
    let input = data;
    while (input.length > 0 && this.search !== undefined) {
      const search = this.search;
      const ch = input[0]!;
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0x20 && code !== 0x7f) {
        const cp = String.fromCodePoint(code);
        input = input.slice(cp.length);
        search.query += cp;
        this.findOlder(search.match ?? this.past.length - 1);
        continue;
      }
      switch (ch) {
        case '\x12':
          input = input.slice(1);
          if (search.match !== undefined && search.query !== '') this.findOlder(search.match - 1);
          else this.renderSearch();
          continue;
        case '\x7f':
        case '\b':
          input = input.slice(1);
          search.query = search.query.slice(0, -1);
          search.match = undefined;
          if (search.query === '') {
            search.failed = false;
            this.renderSearch();
          } else this.findOlder(this.past.length - 1);
          continue;
        case '\x07':
          // Ctrl-G: give up and put back the line as it was.
          input = input.slice(1);
          this.endSearch(search.saved, search.savedCursor);
          continue;
        case '\x03':
          input = input.slice(1);
          this.endSearch(this.currentSearchLine(), this.chars.length);
          this.interrupt();
          continue;
        case '\r':
        case '\n':
          this.acceptSearch();
          return input;
        case ESC:
          this.acceptSearch();
          // A lone Escape only ends the search; an arrow key goes on to move in the found line.
          return input.length === 1 ? '' : input;
        default:
          this.acceptSearch();
          return input;
      }
    }
    return input;
  }

  private currentSearchLine(): string[] {
    const s = this.search;
    if (s === undefined) return this.chars;
    return s.match !== undefined ? [...(this.past[s.match] ?? '')] : s.saved;
  }

  /** The newest history entry at or before `from` that contains the query. */
  private findOlder(from: number): void {
    const s = this.search;
    if (s === undefined) return;
    for (let i = Math.min(from, this.past.length - 1); i >= 0; i--) {
      if (this.past[i]!.includes(s.query)) {
        s.match = i;
        s.failed = false;
        this.renderSearch();
        return;
      }
    }
    s.failed = true;
    this.renderSearch();
  }

  private renderSearch(): void {
    const s = this.search;
    if (s === undefined) return;
    const line = this.currentSearchLine();
    const at = s.match !== undefined ? (this.past[s.match] ?? '').indexOf(s.query) : -1;
    const cursor = at >= 0 ? [...(this.past[s.match!] ?? '').slice(0, at)].length : line.length;
    this.redrawWith(`(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `, [...line], cursor);
  }

  private acceptSearch(): void {
    const s = this.search;
    if (s === undefined) return;
    const line = this.currentSearchLine();
    const at = s.match !== undefined ? (this.past[s.match] ?? '').indexOf(s.query) : -1;
    this.endSearch(line, at >= 0 ? [...(this.past[s.match!] ?? '').slice(0, at)].length : line.length);
    // As in bash, Up/Down go on from the entry found; Down past the newest brings back the draft.
    if (s.match !== undefined) {
      this.browsing = s.match;
      this.draft = s.saved;
    }
  }

  private endSearch(line: readonly string[], cursor: number): void {
    const s = this.search;
    if (s === undefined) return;
    this.search = undefined;
    this.browsing = this.past.length;
    this.redrawWith(s.prompt, [...line], cursor);
  }

  /** Redraw from the start of the prompt's row with another prompt (the search label) and line. */
  private redrawWith(prompt: string, chars: string[], cursor: number): void {
    const cols = Math.max(1, this.host.columns());
    const row = Math.floor(this.offset(this.cursor) / cols);
    let out = row > 0 ? `${CSI}${row}A\r` : '\r';
    this.promptText = prompt;
    this.chars = chars;
    out += prompt + chars.join('');
    const end = this.offset(chars.length);
    if (end % cols === 0 && end > 0) out += ' \r';
    this.host.write(`${out}${CSI}J`);
    this.cursor = chars.length;
    this.placeCursor(chars.length, cursor);
    this.cursor = cursor;
  }

  private tab(): void {
    const state = `${this.cursor}\0${this.line}`;
    const second = this.ambiguousAt === state;
    this.ambiguousAt = undefined;
    const wait = this.host.pending?.();
    if (wait !== undefined) {
      // Complete once the engine is there, if the line is still as it was.
      const line = this.line;
      const cursor = this.cursor;
      const retry = () => {
        if (!this.busy && this.search === undefined && this.line === line && this.cursor === cursor) this.tab();
      };
      void wait.then(retry, retry);
      return;
    }
    const found = this.host.complete?.(this.line, this.cursor);
    if (found === undefined || found.candidates.length === 0) return;
    const typed = this.chars.slice(found.start, this.cursor).join('');
    const candidates = found.candidates.filter((c) => c.startsWith(typed));
    if (candidates.length === 0) return;
    if (candidates.length === 1) {
      const word = candidates[0]!;
      // A finished word gets a space; `deploy/` and `--flag=` wait for more.
      this.insert(word.slice(typed.length) + (/[/=]$/.test(word) ? '' : ' '));
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > typed.length) {
      this.insert(prefix.slice(typed.length));
      return;
    }
    if (!second) {
      this.ambiguousAt = state;
      return;
    }
    // List under the line, then the prompt and the line again, as bash does.
    this.placeCursor(this.cursor, this.chars.length);
    this.host.write(`\r\n${listCandidates(candidates, this.host.columns()).replace(/\n/g, '\r\n')}`);
    this.host.write(this.promptText + this.line);
    this.placeCursor(this.chars.length, this.cursor);
    this.ambiguousAt = state;
  }

  private insert(text: string): void {
    const added = [...text];
    const next = [...this.chars.slice(0, this.cursor), ...added, ...this.chars.slice(this.cursor)];
    this.edit(next, this.cursor + added.length);
  }

  private backspace(): void {
    if (this.cursor === 0) return;
    const next = [...this.chars.slice(0, this.cursor - 1), ...this.chars.slice(this.cursor)];
    this.edit(next, this.cursor - 1);
  }

  private deleteForward(): void {
    if (this.cursor >= this.chars.length) return;
    const next = [...this.chars.slice(0, this.cursor), ...this.chars.slice(this.cursor + 1)];
    this.edit(next, this.cursor);
  }

  private killWordBack(): void {
    let start = this.cursor;
    while (start > 0 && this.chars[start - 1] === ' ') start--;
    while (start > 0 && this.chars[start - 1] !== ' ') start--;
    this.edit([...this.chars.slice(0, start), ...this.chars.slice(this.cursor)], start);
  }

  private enter(): void {
    const line = this.line;
    this.moveTo(this.chars.length);
    this.host.write('\r\n');
    if (line.trim() !== '' && this.past[this.past.length - 1] !== line) this.past.push(line);
    // Bounded like the session's history (bash keeps HISTSIZE lines too).
    if (this.past.length > MAX_EDITOR_HISTORY) this.past.splice(0, this.past.length - MAX_EDITOR_HISTORY);
    this.chars = [];
    this.cursor = 0;
    this.browsing = this.past.length;
    if (line.trim() !== '') {
      const wait = this.host.pending?.();
      if (wait !== undefined) {
        const waiting = { line, typeAhead: '' };
        this.waiting = waiting;
        this.busy = true;
        const next = () => this.runWaiting(waiting);
        void wait.then(next, next);
        return;
      }
      if (this.host.run(line) === true) {
        this.busy = true;
        return;
      }
    }
    this.showPrompt();
  }

  /** What the waiting line needed has arrived: run it, then whatever was typed meanwhile. */
  private runWaiting(waiting: { line: string; typeAhead: string }): void {
    if (this.waiting !== waiting) return;
    // Still not there (the fetch failed and is being tried again): keep waiting.
    const again = this.host.pending?.();
    if (again !== undefined) {
      const next = () => this.runWaiting(waiting);
      void again.then(next, next);
      return;
    }
    this.waiting = undefined;
    if (this.host.run(waiting.line) === true) return;
    this.busy = false;
    this.showPrompt();
    if (waiting.typeAhead !== '') this.feed(waiting.typeAhead);
  }

  private interrupt(): void {
    this.moveTo(this.chars.length);
    this.host.write('^C\r\n');
    this.showPrompt();
  }

  private clearScreen(): void {
    this.host.clear();
    this.host.write(this.promptText + this.line);
    this.placeCursor(this.chars.length, this.cursor);
  }

  private historyStep(direction: -1 | 1): void {
    const target = this.browsing + direction;
    if (target < 0 || target > this.past.length) return;
    if (this.browsing === this.past.length) this.draft = [...this.chars];
    this.browsing = target;
    const next = target === this.past.length ? this.draft : [...(this.past[target] ?? '')];
    this.edit([...next], next.length);
  }

  private moveTo(index: number): void {
    const target = Math.max(0, Math.min(this.chars.length, index));
    if (target === this.cursor) return;
    this.placeCursor(this.cursor, target);
    this.cursor = target;
  }

  /** Replace the line and put the cursor at `cursor`, redrawing from the start of the input. */
  private edit(next: string[], cursor: number): void {
    const same = next.length === this.chars.length && next.every((c, i) => c === this.chars[i]);
    if (same) {
      this.moveTo(cursor);
      return;
    }
    this.placeCursor(this.cursor, 0);
    this.chars = next;
    let out = next.join('');
    const end = this.offset(next.length);
    // At the exact right margin xterm defers the wrap; step onto the next row so relative moves
    // start from where we think the cursor is.
    if (end % this.host.columns() === 0 && next.length > 0) out += ' \r';
    this.host.write(out + `${CSI}J`);
    this.cursor = next.length;
    this.placeCursor(next.length, cursor);
    this.cursor = cursor;
  }

  /** Column offset from the start of the prompt's row. */
  private offset(index: number): number {
    return visibleLength(this.promptText) + index;
  }

  /** Move the terminal cursor from input index `from` to `to`, across wrapped rows if needed. */
  private placeCursor(from: number, to: number): void {
    if (from === to) return;
    const cols = Math.max(1, this.host.columns());
    const a = this.offset(from);
    const b = this.offset(to);
    const rowDelta = Math.floor(b / cols) - Math.floor(a / cols);
    let out = '';
    if (rowDelta < 0) out += `${CSI}${-rowDelta}A`;
    if (rowDelta > 0) out += `${CSI}${rowDelta}B`;
    const col = b % cols;
    out += '\r';
    if (col > 0) out += `${CSI}${col}C`;
    this.host.write(out);
  }
}

/** The longest prefix all candidates share. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let p = candidates[0]!;
  for (const c of candidates) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** bash's listing of several matches: sorted down the columns, then across, two spaces apart. */
export function listCandidates(candidates: readonly string[], columns: number): string {
  const width = Math.max(...candidates.map((c) => [...c].length)) + 2;
  const perRow = Math.max(1, Math.floor((columns + 2) / width));
  const rows = Math.ceil(candidates.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < perRow; c++) {
      const item = candidates[c * rows + r];
      if (item !== undefined) cells.push(item);
    }
    out += `${cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(width) : cell)).join('')}\n`;
  }
  return out;
}

/**
 * The complete escape sequence at the start of `input`, or undefined if it is cut off.
 * CSI: ESC [ params final(0x40–0x7e); SS3: ESC O x; anything else: ESC plus one character (Alt+key).
 */
function readEscape(input: string): string | undefined {
  if (input.length < 2) return undefined;
  const second = input[1];
  if (second === '[') {
    for (let i = 2; i < input.length; i++) {
      const code = input.charCodeAt(i);
      if (code >= 0x40 && code <= 0x7e) return input.slice(0, i + 1);
    }
    return undefined;
  }
  if (second === 'O') return input.length >= 3 ? input.slice(0, 3) : undefined;
  return input.slice(0, 2);
}
