/**
 * `GET /api/v1/namespaces/NS/pods/P/log`: the API server's checks (pod exists, which
 * container), then the kubelet's validateContainerLogStatus (which container instance, or why
 * none), then the text that instance wrote up to now.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LogOptions, LogResult } from './api';
import type { PodRt, Run } from './controllers/kubeletRuntime';

function badRequest(message: string): LogResult {
  return { ok: false, status: 400, reason: 'BadRequest', message };
}

export function podLogs(
  pod: Pod | undefined,
  podName: string,
  rt: PodRt | undefined,
  container: string | undefined,
  previous: boolean,
  now: number,
  opts?: LogOptions,
): LogResult {
  if (pod === undefined) return { ok: false, status: 404, reason: 'NotFound', message: `pods "${podName}" not found` };
  const containers = pod.spec?.containers ?? [];
  let name = container;
  if (name === undefined || name === '') {
    if (containers.length === 1) name = containers[0]!.name;
    else if (containers.length === 0) return badRequest(`a container name must be specified for pod ${podName}`);
    else {
      const names = containers.map((c) => c.name).join(' ');
      const inits = (pod.spec?.initContainers ?? []).map((c) => c.name).join(' ');
      let message = `a container name must be specified for pod ${podName}, choose one of: [${names}]`;
      if (inits) message += ` or one of the init containers: [${inits}]`;
      return badRequest(message);
    }
  } else if (!containers.some((c) => c.name === name) && !(pod.spec?.initContainers ?? []).some((c) => c.name === name)) {
    return badRequest(`container ${name} is not valid for pod ${podName}`);
  }
  // Not scheduled yet: the API server has no kubelet to ask and answers with nothing.
  if (!pod.spec?.nodeName) return { ok: true, text: '' };

  const status = pod.status?.containerStatuses?.find((s) => s.name === name);
  if (status === undefined) return badRequest(`container "${name}" in pod "${podName}" is not available`);
  const last = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  let containerID: string;
  if (previous) {
    if (!last || !last.containerID) return badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    containerID = last.containerID;
  } else if (running) {
    containerID = status.containerID ?? '';
  } else if (terminated) {
    if (terminated.containerID) containerID = terminated.containerID;
    else if (last?.containerID) containerID = last.containerID;
    else return badRequest(`container "${name}" in pod "${podName}" is terminated`);
  } else if (last) {
    if (!last.containerID) return badRequest(`container "${name}" in pod "${podName}" is terminated`);
    containerID = last.containerID;
  } else if (waiting) {
    switch (waiting.reason) {
      case 'ErrImagePull':
        return badRequest(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
      case 'ImagePullBackOff':
        return badRequest(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
      default:
        return badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${waiting.reason}`);
    }
  } else {
    return badRequest(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
  }

  const c = rt?.containers.find((x) => x.spec.name === name);
  const run: Run | undefined = [c?.latest, c?.prev].find((r) => r?.containerID === containerID);
  if (run === undefined) return { ok: true, text: '' };
  const until = run.finishedAt === undefined ? now : Math.min(now, run.finishedAt);
  if (opts === undefined) {
    let text = '';
    for (const line of run.lines) {
      if (line.at > until) break;
      text += line.text;
    }
    return { ok: true, text };
  }
  return { ok: true, text: readLog(run.lines, until, opts) };
}

/**
 * The kubelet's ReadLogs over one container's log file: each entry is a file line (an entry of
 * several lines is several file lines with one timestamp). Tail first, then since, then the
 * timestamp prefix, then the byte limit (which may cut a line).
 */
function readLog(entries: readonly { at: number; text: string }[], until: number, opts: LogOptions): string {
  const lines: { at: number; text: string }[] = [];
  for (const e of entries) {
    if (e.at > until) break;
    const parts = e.text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    for (const p of parts) lines.push({ at: e.at, text: `${p}\n` });
  }
  const tail = opts.tailLines ?? -1;
  const start = tail < 0 ? 0 : Math.max(0, lines.length - tail);
  let text = '';
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (opts.sinceMs !== undefined && l.at < opts.sinceMs) continue;
    text += opts.timestamps === true ? `${kubeletTimestamp(l.at)} ${l.text}` : l.text;
  }
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0) text = cutBytes(text, opts.limitBytes);
  return text;
}

/** Go's "2006-01-02T15:04:05.000000000Z07:00" (the kubelet's RFC3339NanoFixed) in UTC. */
export function kubeletTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}

/** The first `n` bytes of `text` as UTF-8 (a cut character is dropped, as a terminal would show). */
function cutBytes(text: string, n: number): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= n) return text;
  return new TextDecoder().decode(bytes.slice(0, n)).replace(/\uFFFD$/, '');
}
