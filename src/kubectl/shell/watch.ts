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

const USAGE = `
Usage:
 watch [options] command

Options:
  -d, --differences      highlight changes between updates (accepted; not highlighted here)
  -n, --interval <secs>  seconds to wait between updates
  -t, --no-title         turn off header
  -h, --help             display this help and exit
`;

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
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-t' || a === '--no-title') title = false;
    // -d highlights what changed between refreshes; the frames are the same without it.
    else if (a === '-d' || a === '--differences' || a.startsWith('--differences=')) continue;
    else if (a === '-h' || a === '--help') return { stdout: USAGE.slice(1), stderr: '', exitCode: 0 };
    else if (a === '-n' || a === '--interval' || a.startsWith('--interval=') || /^-n.+/.test(a)) {
      const v = a === '-n' || a === '--interval' ? args[++i] : a.startsWith('--interval=') ? a.slice(11) : a.slice(2);
      const n = v === undefined ? NaN : Number(v.replace(',', '.'));
      if (v === undefined || !Number.isFinite(n)) {
        return { stdout: '', stderr: `watch: failed to parse argument: '${v ?? ''}'\n`, exitCode: 1 };
      }
      interval = Math.max(0.1, n);
    } else {
      return { stdout: '', stderr: `watch: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'${USAGE}`, exitCode: 1 };
    }
  }
  const words = args.slice(i);
  if (words.length === 0) return { stdout: '', stderr: `${USAGE.slice(1)}`, exitCode: 1 };
  const command = words.join(' ');
  const columns = ctx.columns ?? 80;
  const frame = (): string => {
    const r = run(command, ctx);
    // A following command inside watch is cut off at once, as the next refresh would be.
    r.follow?.stop();
    const body = r.stdout + r.stderr;
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
        return stopped ? { stdout: '', stderr: '' } : { stdout: '', stderr: '', screen: frame() };
      },
      stop: () => {
        stopped = true;
      },
    },
  };
}
