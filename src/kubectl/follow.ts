/**
 * Moving sim time forward while a command follows (`get -w`, `logs -f`, `watch`). The follower is
 * polled at its own fixed sim times, never at whatever moments the UI happened to tick, so a live
 * session and its replay print the same bytes.
 */
import type { ClusterControl } from '../cluster/api';
import type { Follower, FollowUpdate } from './api';

/** Polls per second of sim time for `get -w` and `logs -f`. */
export const FOLLOW_POLL_MS = 1000;

/**
 * Advances `cluster` to `target`, stopping at each poll time of `follower` on the way and handing
 * what it printed to `onUpdate`. Returns false once the follower finished by itself.
 */
export function advanceFollowing(
  cluster: ClusterControl,
  follower: Follower | undefined,
  target: number,
  onUpdate: (update: FollowUpdate) => void,
): boolean {
  let running = follower !== undefined;
  while (follower !== undefined && running) {
    const at = follower.nextAt();
    if (!(at <= target)) break;
    if (at > cluster.now()) cluster.advanceTo(at);
    const update = safePoll(follower);
    onUpdate(update);
    if (update.done === true) running = false;
  }
  if (target > cluster.now()) cluster.advanceTo(target);
  return running;
}

/** A bug of ours in a follower ends that command with a plain message, never a throw. */
function safePoll(follower: Follower): FollowUpdate {
  try {
    return follower.poll();
  } catch (e) {
    follower.stop();
    const msg = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `firedrill: internal error: ${msg}\n`, done: true, exitCode: 1 };
  }
}

/** Poll times on a fixed grid from `start`: start + k * interval, the first one after `now`. */
export class PollGrid {
  private next: number;
  constructor(
    private readonly start: number,
    private readonly interval: number,
  ) {
    this.next = start + interval;
  }
  nextAt(): number {
    return this.next;
  }
  /** Call from poll(): the next poll time strictly after `now`. */
  passed(now: number): void {
    const k = Math.floor((now - this.start) / this.interval) + 1;
    this.next = Math.max(this.next + this.interval, this.start + k * this.interval);
    if (this.next <= now) this.next = now + this.interval;
  }
}
