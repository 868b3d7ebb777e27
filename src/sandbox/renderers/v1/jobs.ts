/** Bulk jobs in the 1.x shape. */
import type { JobRecord } from '../../domain/records.js';

/** A job is running while a task waits; then completed, with errors when any item failed. */
function jobState(job: JobRecord): 'running' | 'completed' | 'completed_with_errors' {
  if (job.tasks.some((task) => task.completed_at === null)) return 'running';
  return job.errors.length > 0 ? 'completed_with_errors' : 'completed';
}

/** The wire form of a job; `origin` makes its links; `withTasks` lists its tasks. */
export function renderJob(job: JobRecord, origin: string, appId: string, withTasks: boolean): Record<string, unknown> {
  const self = `${origin}/jobs/${encodeURIComponent(job.id)}`;
  const out: Record<string, unknown> = {
    id: job.id,
    app_id: appId,
    name: 'api_bulk_job',
    state: jobState(job),
    created_at: job.created_at,
    updated_at: job.updated_at,
    completed_at: job.completed_at,
    closing_at: job.closing_at,
    links: { error: `${self}/error`, self },
  };
  if (withTasks) {
    out.tasks = job.tasks.map((task) => ({
      id: task.id,
      item_count: task.items.length,
      created_at: task.created_at,
      started_at: task.started_at,
      completed_at: task.completed_at,
      state: task.state,
    }));
  }
  return out;
}
