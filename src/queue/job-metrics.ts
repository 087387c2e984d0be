import type { Job } from 'bullmq';
import { Counter, Histogram, register } from 'prom-client';

const jobsTotal = new Counter({
  name: 'careerlens_jobs_total',
  help: 'Jobs finished by this process, per queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
});
const jobDuration = new Histogram({
  name: 'careerlens_job_duration_seconds',
  help: 'Time from a job starting to finishing, per queue',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
});

/** Counts a finished job and observes its run time. */
export function recordJob(queue: string, job: Job, outcome: 'completed' | 'failed'): void {
  jobsTotal.inc({ queue, outcome });
  if (job.processedOn && job.finishedOn) jobDuration.observe({ queue, outcome }, (job.finishedOn - job.processedOn) / 1000);
}

export { register as metricsRegistry };
