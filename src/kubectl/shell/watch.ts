/**
 * procps `watch [-n SECS] [-t] COMMAND`: runs COMMAND every SECS seconds of sim time and shows
 * its output full screen under a header (`Every 2.0s: COMMAND` on the left, `HOST: DATE` on the
 * right), until Ctrl-C. Like the real one it runs its words as one shell line, so
 * `watch 'kubectl get pods | grep api'` pipes inside the watch.
 */
import type { ShellContext, ShellResult } from '../api';
import { PollGrid } from '../follow';
import { ctimeUtc } from './dates';

/** The host name in watch's header: the sim has no machine, so the game's name stands in. */
export const HOSTNAME = 'firedrill';

/** procps-ng 4.0's usage text (stdout for --help; stderr after a bad option). */
const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;
/** Options that change only how frames look or are timed on a real terminal: accepted, no effect. */
const COSMETIC = new Set(['-b', '--beep', '-c', '--color', '-d', '--differences', '-p', '--precise', '-w', '--no-wrap', '-x', '--exec'])

type RunLine = (line: string, ctx: ShellContext) => ShellResult;

/**
 * procps-ng 4 lays the header out by these rules (measured with its watch at many widths): all of
 * it when it fits; else the command clipped with `...` and two spaces before `HOST: DATE`; else
 * the bare interval; else only `HOST: DATE`, right-aligned.
 */
export function watchHeader(intervalSec: number, command: string, now: number, columns: number): string {
  const head = `Every ${intervalSec.toFixed(1)}s: `;
  const right = `${HOSTNAME}: ${ctimeUtc(now)}`;
  const left = head + command;
  if (columns >= left.length + right.length + 1) return left + ' '.repeat(columns - left.length - right.length) + right;
  if (columns >= head.length + right.length + 3) return `${left.slice(0, columns - right.length - 5)}...  ${right}`;
  if (columns >= head.length + right.length + 2) return `${head}  ${right}`;
  if (columns >= right.length) return right.padStart(columns);
  return '';
}

export function runWatch(args: readonly string[], ctx: ShellContext, run: RunLine): ShellResult {
  let interval = 2;
  let title = true;
  let exitOnChange = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-t' || a === '--no-title') title = false;
    else if (a === '-g' || a === '--chgexit') exitOnChange = true;
    else if (COSMETIC.has(a) || a.startsWith('--differences=')) continue;
    else if (a === '-e' || a === '--errexit' || a === '-q' || a === '--equexit') {
      return { stdout: '', stderr: `watch: ${a} is not simulated in Firedrill\n`, exitCode: 1 };
    } else if (a === '-h' || a === '--help') return { stdout: USAGE, stderr: '', exitCode: 0 };
    else if (a === '-n' || a === '--interval' || a.startsWith('--interval=') || /^-n.+/.test(a)) {
      const v = a === '-n' || a === '--interval' ? args[++i] : a.startsWith('--interval=') ? a.slice(11) : a.slice(2);
      const n = v === undefined ? NaN : Number(v.replace(',', '.'));
      if (v === undefined || !Number.isFinite(n)) {
        return { stdout: '', stderr: `watch: failed to parse argument: '${v ?? ''}': Invalid argument\n`, exitCode: 1 };
      }
      interval = Math.max(0.1, n);
    } else {
      const bad = a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a.charAt(1)}'`;
      return { stdout: '', stderr: `watch: ${bad}\n${USAGE}`, exitCode: 1 };
    }
  }
  const words = args.slice(i);
  if (words.length === 0) return { stdout: '', stderr: USAGE, exitCode: 1 };
  const command = words.join(' ');
  const columns = ctx.columns ?? 80;
  let lastBody: string | undefined;
  let changed = false;
  const frame = (): string => {
    const r = run(command, ctx);
    // A following command inside watch is cut off at once, as the next refresh would be.
    r.follow?.stop();
    const body = r.stdout + r.stderr;
    changed = lastBody !== undefined && body !== lastBody;
    lastBody = body;
    return title ? `${watchHeader(interval, command, ctx.cluster.now(), columns)}\n\n${body}` : body;
  };
  const grid = new PollGrid(ctx.cluster.now(), Math.round(interval * 1000));
  let stopped = false;
  return {
    stdout: '',
    stderr: '',
    exitCode: 0,
    screen: frame(),
    follow: {
      nextAt: () => grid.nextAt(),
      poll: () => {
        grid.passed(ctx.cluster.now());
        if (stopped) return { stdout: '', stderr: '' };
        const screen = frame();
        // -g: the output changed, so watch exits (and its screen goes away).
        if (exitOnChange && changed) {
          stopped = true;
          return { stdout: '', stderr: '', screen, done: true, exitCode: 0 };
        }
        return { stdout: '', stderr: '', screen };
      },
      stop: () => {
        stopped = true;
      },
    },
  };
}
