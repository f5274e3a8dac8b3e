/**
 * The session's transcript: everything the terminal showed, the most recent `max` characters of it
 * (cut at a line start, behind a marker line), for the terminal after a reload.
 *
 * Kept as a list of appended pieces rather than one string: cutting the front of a 200,000
 * character string on every command once it is full copied the whole string each time (most of
 * the time a 10,000-command session took to restore). The text is exactly what cutting the one
 * string would give: see tests/unit/incident/transcript.test.ts.
 */
export class Transcript {
  private pieces: string[] = [];
  /** The first piece still kept (the ones before it were cut). */
  private head = 0;
  /** Characters kept, not counting the marker. */
  private kept = 0;
  /** Whether the beginning was cut (the text then starts with the marker). */
  private cut = false;
  private text: string | undefined = '';

  constructor(
    private readonly max: number,
    private readonly marker: string,
  ) {}

  /** Adds one piece of output; a piece that does not end a line gets a line end. */
  append(piece: string): void {
    if (piece === '') return;
    const whole = piece.endsWith('\n') ? piece : `${piece}\n`;
    this.pieces.push(whole);
    this.kept += whole.length;
    this.text = undefined;
    if ((this.cut ? this.marker.length : 0) + this.kept > this.max) this.trim();
  }

  /** Cuts the front at the first line end at or after the point that leaves room for the marker. */
  private trim(): void {
    let from = this.kept - this.max + this.marker.length;
    for (;;) {
      const piece = this.pieces[this.head]!;
      if (from < piece.length) {
        const end = piece.indexOf('\n', from);
        if (end >= 0) {
          this.kept -= end + 1;
          if (end + 1 === piece.length) this.head++;
          else this.pieces[this.head] = piece.slice(end + 1);
          break;
        }
        from = 0;
      } else {
        from -= piece.length;
      }
      this.kept -= piece.length;
      this.head++;
    }
    this.cut = true;
    if (this.head >= 1024 && this.head * 2 >= this.pieces.length) {
      this.pieces = this.pieces.slice(this.head);
      this.head = 0;
    }
  }

  /** Starts again from `text` (a restored save's transcript, or '' after `clear`). */
  reset(text: string): void {
    this.pieces = text === '' ? [] : [text];
    this.head = 0;
    this.kept = text.length;
    this.cut = false;
    this.text = text;
  }

  toString(): string {
    this.text ??= (this.cut ? this.marker : '') + this.pieces.slice(this.head).join('');
    return this.text;
  }
}
