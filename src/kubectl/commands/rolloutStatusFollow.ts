/**
 * `kubectl rollout status` watches by default (`--watch=true`): after the first status line it
 * prints the status again at every change of the deployment until the rollout is done (exit 0),
 * fails (`exceeded its progress deadline`, exit 1) or `--timeout` passes. Like kubectl it prints a
 * line per change even when the words repeat.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ClusterControl } from '../../cluster/api';
import type { Follower, FollowUpdate } from '../api';
import { FOLLOW_POLL_MS, PollGrid } from '../follow';

export function followRolloutStatus(
  cluster: ClusterControl,
  deployment: Deployment,
  status: (d: Deployment) => { line: string; done: boolean } | { error: string },
  timeoutMs: number,
): Follower {
  const namespace = deployment.metadata?.namespace ?? '';
  const name = deployment.metadata?.name ?? '';
  const start = cluster.now();
  const grid = new PollGrid(start, FOLLOW_POLL_MS);
  let seen = deployment.metadata?.resourceVersion;
  let stopped = false;
  return {
    nextAt: () => grid.nextAt(),
    poll(): FollowUpdate {
      const now = cluster.now();
      grid.passed(now);
      if (stopped) return { stdout: '', stderr: '' };
      const d = cluster.get('Deployment', namespace, name);
      if (d === undefined) {
        stopped = true;
        return { stdout: '', stderr: `error: deployments.apps "${name}" not found\n`, done: true, exitCode: 1 };
      }
      let stdout = '';
      if (d.metadata?.resourceVersion !== seen) {
        seen = d.metadata?.resourceVersion;
        const s = status(d);
        if ('error' in s) {
          stopped = true;
          return { stdout: '', stderr: `${s.error}\n`, done: true, exitCode: 1 };
        }
        stdout = s.line;
        if (s.done) {
          stopped = true;
          return { stdout, stderr: '', done: true, exitCode: 0 };
        }
      }
      if (timeoutMs > 0 && now - start >= timeoutMs) {
        stopped = true;
        return { stdout, stderr: 'error: timed out waiting for the condition\n', done: true, exitCode: 1 };
      }
      return { stdout, stderr: '' };
    },
    stop: () => {
      stopped = true;
    },
  };
}
