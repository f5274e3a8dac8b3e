/**
 * `GET /api/v1/namespaces/NS/pods/P/log`: the API server's checks (pod exists, which
 * container), then the kubelet's validateContainerLogStatus (which container instance, or why
 * none), then the text that instance wrote up to now.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LogResult } from './api';
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
  let text = '';
  for (const line of run.lines) {
    if (line.at > until) break;
    text += line.text;
  }
  return { ok: true, text };
}
