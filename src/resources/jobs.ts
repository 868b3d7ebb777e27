import { IntercomError, InvalidParameterError } from '../core/errors.js';
import { entity, type JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource, type ResourceHttp } from '../core/resource.js';
import { apiPath } from '../core/url.js';
import { optionalMilliseconds, requireId, requireObject } from '../core/validation.js';
import { sleep } from '../core/waits.js';

/** States of a bulk job. `pending` and `running` are not final; the others are. */
export type JobState = 'pending' | 'running' | 'completed' | 'completed_with_errors' | 'failed';
/** The states a job ends in. */
export type FinishedJobState = 'completed' | 'completed_with_errors' | 'failed';

/** The items one bulk request added to a job (`job.tasks`, on `GET /jobs/{id}`). */
export interface JobTask {
  id: string;
  item_count: number;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  state: JobState;
  [field: string]: unknown;
}

/**
 * A bulk job, as `users.submitBulkJob`, `events.submitBulkJob` and `jobs.find` return it. It accepts
 * more items (`job_id`) until `closing_at`, 15 minutes after its creation. Timestamps are epoch seconds.
 */
export interface Job {
  /** `job_` and hex groups joined by `_`. */
  id: string;
  app_id: string;
  /** `api_bulk_job`. */
  name: string;
  state: JobState;
  created_at: number;
  updated_at: number;
  /** Null until the job ends. */
  completed_at: number | null;
  /** When the job stops accepting items. */
  closing_at: number;
  links: {
    /** The error feed: pass the job to {@link Jobs.errors}. */
    error: string;
    self: string;
  };
  /** One task per bulk request; sent by `GET /jobs/{id}`. */
  tasks?: JobTask[];
  [field: string]: unknown;
}

/** A job that has ended, as {@link Jobs.wait} returns it. */
export interface FinishedJob extends Job {
  state: FinishedJobState;
}

/** One failed item of a job and why it failed. */
export interface JobErrorItem {
  id: string;
  /** The item's `data`, as it was sent. */
  data: JsonObject;
  error: { code: string; message: string };
  [field: string]: unknown;
}

/** A job's error feed (`GET /jobs/{id}/error`): every failed item with its reason. */
export interface JobErrorFeed {
  app_id: string;
  job_id: string;
  /** `{}`: the feed is not paged. */
  pages: JsonObject;
  items: JobErrorItem[];
  [field: string]: unknown;
}

/** Options of {@link Jobs.wait}. */
export type WaitForJobOptions = {
  /** Milliseconds to wait for the job to end before throwing {@link JobWaitTimeoutError}. Default: 300,000 (5 minutes). */
  timeout?: number;
  /** Milliseconds between two status reads. Default: 1,000. */
  interval?: number;
  /** Stops waiting: the promise rejects with `RequestAbortedError`. */
  signal?: AbortSignal;
  /** Retries of each status read (see {@link RequestOptions.maxRetries}). Default: the client's. */
  maxRetries?: number;
  /** Extra headers of each status read. */
  headers?: Readonly<Record<string, string>>;
};

/** Defaults of {@link WaitForJobOptions}. */
export const JOB_WAIT_DEFAULTS = Object.freeze({ timeout: 300_000, interval: 1_000 });

/** {@link Jobs.wait} gave up: the job had not ended within `timeout`. `job` is its last known state. */
export class JobWaitTimeoutError extends IntercomError {
  /** The job as last read. */
  readonly job: Job;
  constructor(message: string, job: Job) {
    super(message);
    this.job = job;
  }
}

const FINISHED: ReadonlySet<string> = new Set<FinishedJobState>(['completed', 'completed_with_errors', 'failed']);

/** One item of a bulk request body. */
interface BulkItem {
  method: 'post' | 'delete';
  data_type: 'user' | 'event';
  data: JsonObject;
}

/**
 * @internal Sends a bulk request (`POST /bulk/users` or `/bulk/events`): the items, and `job: {id}`
 * when `jobId` is given (appends to that open job). Not safe to repeat: a lost answer is not resent.
 */
export async function submitBulk(
  http: ResourceHttp,
  path: '/bulk/users' | '/bulk/events',
  items: BulkItem[],
  jobId: unknown,
  options: RequestOptions | undefined,
): Promise<Job> {
  if (items.length === 0) throw new InvalidParameterError('params', 'a bulk job needs at least one item');
  const body: JsonObject = { items };
  if (jobId !== undefined && jobId !== '') body.job = { id: requireId(jobId, 'params.job_id') };
  return entity<Job>(await http.post(path, { body, options }));
}

/** @internal The items of a `create_items`/`delete_items` parameter: an array of objects, or nothing. */
export function bulkItems<T extends object>(value: readonly T[] | undefined, parameter: string): Array<T & JsonObject> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new InvalidParameterError(parameter, 'must be an array of items');
  value.forEach((item: unknown, i) => {
    requireObject(item, `${parameter}[${i}]`);
  });
  return value as Array<T & JsonObject>;
}

const jobId = (job: unknown, parameter: string): string => {
  if (typeof job === 'object' && job !== null) return requireId((job as { id?: unknown }).id, `${parameter}.id`);
  return requireId(job, parameter);
};

/**
 * Bulk jobs: `intercom.jobs`. Jobs are made by `users.submitBulkJob` and `events.submitBulkJob`.
 *
 * ```ts
 * const job = await intercom.users.submitBulkJob({ create_items: [{ email: 'a@example.com' }] });
 * const done = await intercom.jobs.wait(job);
 * if (done.state === 'completed_with_errors') console.log((await intercom.jobs.errors(done)).items);
 * ```
 */
export class Jobs extends APIResource {
  /** A job's state (`GET /jobs/{id}`). */
  async find(params: { id: string }, options?: RequestOptions): Promise<Job> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    return entity<Job>(await this.http.get(apiPath`/jobs/${id}`, { options }));
  }

  /** A job's error feed (`GET /jobs/{id}/error`): the items that failed, with the reason. */
  async errors(params: { id: string }, options?: RequestOptions): Promise<JobErrorFeed> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    return entity<JobErrorFeed>(await this.http.get(apiPath`/jobs/${id}/error`, { options }));
  }

  /**
   * Reads the job every `interval` ms until it ends (`completed`, `completed_with_errors` or
   * `failed`) and returns it. Throws {@link JobWaitTimeoutError} after `timeout` ms, and
   * `RequestAbortedError` when `signal` fires.
   */
  async wait(job: string | { id: string }, options: WaitForJobOptions = {}): Promise<FinishedJob> {
    const id = jobId(job, 'job');
    requireObject(options, 'options');
    const timeout = optionalMilliseconds(options.timeout, 'options.timeout', JOB_WAIT_DEFAULTS.timeout);
    const interval = optionalMilliseconds(options.interval, 'options.interval', JOB_WAIT_DEFAULTS.interval);
    const deadline = Date.now() + timeout;
    const read: RequestOptions = {};
    if (options.signal !== undefined) read.signal = options.signal;
    if (options.maxRetries !== undefined) read.maxRetries = options.maxRetries;
    if (options.headers !== undefined) read.headers = options.headers;
    for (;;) {
      const current = await this.find({ id }, read);
      if (FINISHED.has(current.state)) return current as FinishedJob;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new JobWaitTimeoutError(`Job ${id} was still ${current.state} after ${timeout} ms`, current);
      }
      await sleep(Math.min(interval, remaining), options.signal, 'Waiting for the job was aborted');
    }
  }
}
