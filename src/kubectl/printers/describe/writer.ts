/**
 * kubectl describe's PrefixWriter: each write is indented two spaces per level (only at the start
 * of the format) and everything goes through Go's tabwriter at the end (tabbedString).
 */
import { DESCRIBE_TABWRITER, tabwrite } from '../goTabwriter';

export class PrefixWriter {
  private text = '';

  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }

  /** WriteLine: the arguments joined by spaces, plus a newline. */
  line(...parts: string[]): void {
    this.text += parts.join(' ') + '\n';
  }

  /** The text without alignment (what printTemplate prints for `rollout history --revision`). */
  raw(): string {
    return this.text;
  }

  aligned(): string {
    return tabwrite(this.text, DESCRIBE_TABWRITER);
  }
}
