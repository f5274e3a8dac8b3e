/**
 * Pipes after a following command (`kubectl get pods -w | grep api`): line filters (grep, cat)
 * pass each complete line on as it arrives, `head` stops the pipeline after its lines, and the
 * filters that need all their input (sort, tail, wc...) print only if the command ends by itself —
 * after Ctrl-C they are killed with it and print nothing, as in bash.
 */
import type { Follower, FollowUpdate } from '../api';
import { runFilter } from './pipeline';

interface Stage {
  /** Output for `text`; `done` when this stage has all it wants (head). */
  push(text: string): { out: string; done: boolean };
  /** End of input: what is left. */
  end(): string;
}

function lineStage(argv: readonly string[], numbered = false): Stage {
  let partial = '';
  let error = false;
  /** Lines already passed through, so `grep -n` numbers continue across chunks. */
  let seen = 0;
  const renumber = (out: string, chunkLines: number): string => {
    const shifted = numbered && seen > 0 ? out.replace(/^(\d+):/gm, (_, n: string) => `${Number(n) + seen}:`) : out;
    seen += chunkLines;
    return shifted;
  };
  return {
    push(text) {
      if (error) return { out: '', done: false };
      const all = partial + text;
      const cut = all.lastIndexOf('\n');
      if (cut < 0) {
        partial = all;
        return { out: '', done: false };
      }
      partial = all.slice(cut + 1);
      const chunk = all.slice(0, cut + 1);
      const r = runFilter(argv, chunk);
      if (r !== undefined && r.exitCode > 1) error = true;
      return { out: renumber(r?.stdout ?? '', chunk.split('\n').length - 1) + (r?.stderr ?? ''), done: false };
    },
    end() {
      if (error || partial === '') return '';
      const r = runFilter(argv, partial);
      return renumber(r?.stdout ?? '', 1);
    },
  };
}

function headStage(argv: readonly string[]): Stage {
  // Ask the batch filter for the count by running it over numbered lines once.
  const probe = runFilter(argv, Array.from({ length: 10_000 }, (_, i) => `${i}\n`).join(''));
  let left = probe === undefined || probe.exitCode !== 0 ? 0 : probe.stdout.split('\n').length - 1;
  let partial = '';
  return {
    push(text) {
      let out = '';
      const all = partial + text;
      const lines = all.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) {
        if (left <= 0) break;
        out += `${l}\n`;
        left--;
      }
      return { out, done: left <= 0 };
    },
    end: () => (left > 0 ? partial : ''),
  };
}

function batchStage(argv: readonly string[]): Stage {
  let input = '';
  return {
    push(text) {
      input += text;
      return { out: '', done: false };
    },
    end() {
      const r = runFilter(argv, input);
      return r === undefined ? '' : r.stdout + r.stderr;
    },
  };
}

function stageFor(argv: readonly string[]): Stage {
  const prog = argv[0];
  // Counting needs the whole input; matching (numbered or not) can go line by line.
  const counting = argv.some((a) => /^-[^-]*c/.test(a) || a === '--count');
  const numbered = argv.some((a) => /^-[^-e]*n/.test(a) || a === '--line-number');
  if (prog === 'grep' && !counting) return lineStage(argv, numbered);
  if (prog === 'cat') return lineStage(argv);
  if (prog === 'head') {
    // `head -n -N` (all but the last N) must wait for the end; a count can stream.
    const count = (n: number) => runFilter(argv, 'x\n'.repeat(n))?.stdout.length;
    return count(100) === count(101) ? headStage(argv) : batchStage(argv);
  }
  return batchStage(argv);
}

/** Runs text through the stages; `ended` flushes each stage into the next. */
function through(stages: Stage[], text: string, ended: boolean): { out: string; done: boolean } {
  let cur = text;
  let done = ended;
  for (const s of stages) {
    const r = s.push(cur);
    cur = r.out;
    if (r.done) done = true;
    if (done) cur += s.end();
  }
  return { out: cur, done };
}

/**
 * The first command's immediate output and follower, seen through `filters`. Filters that are not
 * programs we have were refused before this is called.
 */
export function pipeFollower(initial: string, follower: Follower, filters: readonly (readonly string[])[]): { stdout: string; follow: Follower; done: boolean } {
  const stages = filters.map(stageFor);
  const first = through(stages, initial, false);
  if (first.done) follower.stop();
  let finished = first.done;
  const piped: Follower = {
    nextAt: () => follower.nextAt(),
    poll(): FollowUpdate {
      const u = follower.poll();
      if (finished) return { stdout: '', stderr: '', done: true, exitCode: 0 };
      const r = through(stages, u.stdout, u.done === true);
      if (r.done) {
        finished = true;
        follower.stop();
        return { stdout: r.out, stderr: u.stderr, done: true, exitCode: 0 };
      }
      return { stdout: r.out, stderr: u.stderr };
    },
    stop: () => follower.stop(),
  };
  return { stdout: first.out, follow: piped, done: first.done };
}
