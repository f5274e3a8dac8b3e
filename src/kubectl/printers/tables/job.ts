/** `kubectl get jobs`: printJob (pkg/printers/internalversion, 1.32). */
import type { Job } from 'kubernetes-types/batch/v1';
import { humanDuration, parseTime, since } from '../duration';
import { formatSelector } from '../labels';
import type { TableDef } from './types';

function has(job: Job, type: string): boolean {
  return job.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/** The STATUS column: terminal conditions first, then terminating, suspended and the interim ones. */
export function jobStatusWord(job: Job): string {
  if (has(job, 'Complete')) return 'Complete';
  if (has(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (has(job, 'Suspended')) return 'Suspended';
  if (has(job, 'FailureTarget')) return 'FailureTarget';
  if (has(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export const jobTable: TableDef<Job> = {
  columns: [
    { name: 'NAME', isName: true },
    { name: 'STATUS' },
    { name: 'COMPLETIONS' },
    { name: 'DURATION' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  row(job, now) {
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec?.completions !== undefined) completions = `${succeeded}/${job.spec.completions}`;
    else if ((job.spec?.parallelism ?? 0) > 1) completions = `${succeeded}/1 of ${job.spec?.parallelism}`;
    else completions = `${succeeded}/1`;
    const start = parseTime(job.status?.startTime);
    const end = parseTime(job.status?.completionTime);
    const took = start === undefined ? '' : end === undefined ? since(job.status?.startTime, now) : humanDuration(end - start);
    const cs = job.spec?.template?.spec?.containers ?? [];
    return [
      job.metadata?.name ?? '',
      jobStatusWord(job),
      completions,
      took,
      since(job.metadata?.creationTimestamp, now),
      cs.map((c) => c.name).join(','),
      cs.map((c) => c.image ?? '').join(','),
      formatSelector(job.spec?.selector),
    ];
  },
};
