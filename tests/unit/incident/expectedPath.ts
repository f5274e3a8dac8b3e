/**
 * The answer key's expected path, typed as a learner would: placeholders such as `<api-service pod>`
 * become a real pod of that workload (shared by the catalog and determinism tests).
 */
import type { Session } from '../../../src/incident';
import type { Scenario } from '../../../src/incident/schema';

const STATUSES = /\b(CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|OOMKilled|Pending|Running|Error|Completed|Terminating|ContainerCreating)\b/i;

interface PodRow {
  name: string;
  ready: string;
  status: string;
}

function pods(s: Session, ns: string): PodRow[] {
  return s
    .exec(`kubectl get pods -n ${ns} --no-headers`)
    .stdout.split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [name = '', ready = '', status = ''] = l.split(/\s+/);
      return { name, ready, status };
    });
}

/** A Deployment's pod (owner-<template hash>-<suffix>) or a Job's (owner-<suffix>). */
function ownedBy(pod: string, owner: string): boolean {
  return new RegExp(`^${owner.replace(/[.]/g, '\\.')}-(?:[a-z0-9]{6,10}-)?[a-z0-9]{5}$`).test(pod);
}

/**
 * A placeholder such as `<api-service pod>` or `<web-frontend pod in ImagePullBackOff>` becomes a
 * pod of that workload, in that status when one is named, else one that is not ready (what a
 * responder would look at), else the first.
 */
export function fillPlaceholders(command: string, s: Session, scenario: Scenario): string {
  const ns = scenario.recovery.namespace;
  return command.replace(/<([^<>]+)>/g, (whole, inside: string) => {
    const rows = pods(s, ns);
    const owner = inside
      .split(/[\s,]+/)
      .map((w) => w.replace(/[^a-z0-9-]/gi, ''))
      .find((w) => w.length > 0 && rows.some((p) => ownedBy(p.name, w)));
    if (owner === undefined) throw new Error(`cannot fill ${whole} in "${command}": name a workload whose pods exist, as in <api-service pod>`);
    const mine = rows.filter((p) => ownedBy(p.name, owner));
    const status = STATUSES.exec(inside)?.[1]?.toLowerCase();
    const pick =
      (status !== undefined ? mine.find((p) => p.status.toLowerCase() === status || (status === 'running' && p.status === 'Running')) : undefined) ??
      (/\b(new|failing|broken|crash|pending)\b/i.test(inside) || status !== undefined ? mine.find((p) => !/^(\d+)\/\1$/.test(p.ready)) : undefined) ??
      (/\b(old|healthy|serving|ready)\b/i.test(inside) ? mine.find((p) => /^(\d+)\/\1$/.test(p.ready)) : undefined) ??
      mine.find((p) => !/^(\d+)\/\1$/.test(p.ready)) ??
      mine[0]!;
    return pick.name;
  });
}
