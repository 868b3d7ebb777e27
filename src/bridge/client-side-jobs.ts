/**
 * Bulk jobs run by the client on API 2.x, which has no bulk API for users and events. A 1.x bulk
 * request (`POST /bulk/users`, `/bulk/events`) becomes a job held in memory by this client: its items
 * are sent one by one as the 1.x calls they stand for (a user upsert `POST /users`, an archive
 * `DELETE /users/{id}`, an event `POST /events`) through the bridge, a few at a time, and the client's
 * pipeline paces them with the rest of its requests. `GET /jobs/{id}` and `GET /jobs/{id}/error` answer
 * the job's progress and its failed items in the 1.x shapes, so `jobs.find`, `jobs.wait` and
 * `jobs.errors` work unchanged.
 *
 * The job lives in this client's process: another process, or this one after a restart, does not
 * know it, and items not yet sent when the process ends are never sent. An item is sent once: a lost
 * answer to a user upsert is resolved by the upsert's own rules (it looks the person up), never by
 * sending the item again.
 *
 * @module
 */
import { errorFromErrorList, IntercomError, InvalidParameterError } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { ApiRequest, RequestOptions } from '../core/request-pipeline.js';
import type { RequestSender } from '../core/request-sender.js';
import { apiPath } from '../core/url.js';
import { personIdOf } from './person-reference.js';
import { objectOf } from './v2-sends.js';

/** A job accepts new items for 15 minutes after its creation, as 1.x jobs did. */
export const JOB_OPEN_SECONDS = 900;
/** Items of one job in flight at once (the pipeline's own concurrency limit and pacing apply too). */
export const JOB_ITEMS_IN_FLIGHT = 4;

/** One item of a bulk request, as the 1.x resources send it. */
export interface BulkJobItem {
  method: 'post' | 'delete';
  data_type: 'user' | 'event';
  data: JsonObject;
}

interface TaskRecord {
  id: string;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  state: 'pending' | 'running' | 'completed' | 'completed_with_errors';
  items: Array<BulkJobItem & { id: string }>;
}

interface JobRecord {
  id: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  closing_at: number;
  tasks: TaskRecord[];
  errors: Array<{ id: string; data: JsonObject; error: { code: string; message: string } }>;
  /** The tasks run one after another: this settles when the last one queued has run. */
  queue: Promise<void>;
}

/** A task and the per-call options of the bulk request that brought it (passed to each item's request). */
interface QueuedTask {
  task: TaskRecord;
  options: RequestOptions | undefined;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
/**
 * `job_a916803a_3a7c_11e6_bfad_6b1784c25fa6`, as 1.x job ids. Web Crypto's `randomUUID` (a global in
 * Node.js 20, Bun, Deno and Workers): the client imports no `node:` module.
 */
const newJobId = (): string => `job_${globalThis.crypto.randomUUID().replace(/-/g, '_')}`;
const newTaskId = (): string => `task_${globalThis.crypto.randomUUID().replace(/-/g, '_')}`;

/** The error 1.x answered for a status and code, built by the same mapping as the pipeline's. */
const apiError = (status: number, code: string, message: string, field?: string): IntercomError =>
  errorFromErrorList({ errors: [{ code, message, ...(field === undefined ? {} : { field }) }] }, status, {});

/** Why an item failed, as the 1.x error feed says it. */
function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof IntercomError) {
    const code = error.applicationErrorCode ?? (error instanceof InvalidParameterError ? 'parameter_invalid' : 'server_error');
    return { code, message: error.message };
  }
  return { code: 'server_error', message: 'The item could not be processed' };
}

/** The bulk jobs of one client: created, run and reported here. */
export class ClientSideJobs {
  readonly #jobs = new Map<string, JobRecord>();
  readonly #bridge: RequestSender;
  readonly #baseUrl: string;
  readonly #appId: (options?: RequestOptions) => Promise<string>;

  /**
   * @param bridge sends each item as its 1.x request (through the bridge).
   * @param baseUrl the client's base URL: the jobs' links point there.
   * @param appId the workspace's id, for the `app_id` of jobs.
   */
  constructor(bridge: RequestSender, baseUrl: string, appId: (options?: RequestOptions) => Promise<string>) {
    this.#bridge = bridge;
    this.#baseUrl = baseUrl;
    this.#appId = appId;
  }

  /**
   * Adds a task of `items` to the job `jobId` (open, and known to this client) or to a new job, starts
   * running it, and answers the job as 1.x did (`running`, without tasks). `options` (the bulk call's)
   * go with each item's request.
   */
  async submit(items: BulkJobItem[], jobId: string | undefined, options: RequestOptions | undefined): Promise<JsonObject> {
    const now = nowSeconds();
    let job: JobRecord | undefined;
    if (jobId !== undefined) {
      job = this.#jobs.get(jobId);
      if (job === undefined) throw apiError(404, 'not_found', 'Job Not Found');
      if (now >= job.closing_at) throw apiError(400, 'job_closed', `Job ${jobId} is closed for new task updates`, 'job.id');
    }
    const appId = await this.#appId(options);
    if (job === undefined) {
      job = {
        id: newJobId(),
        created_at: now,
        updated_at: now,
        completed_at: null,
        closing_at: now + JOB_OPEN_SECONDS,
        tasks: [],
        errors: [],
        queue: Promise.resolve(),
      };
      this.#jobs.set(job.id, job);
    }
    const task: TaskRecord = {
      id: newTaskId(),
      created_at: now,
      started_at: null,
      completed_at: null,
      state: 'pending',
      items: items.map((item, i) => ({ ...item, id: `${job.id}_${job.tasks.length}_${i}` })),
    };
    job.tasks.push(task);
    job.updated_at = now;
    job.completed_at = null;
    const owner = job;
    owner.queue = owner.queue.then(() => this.#run(owner, { task, options }));
    return this.#render(job, appId, false);
  }

  /** A job with its tasks (`GET /jobs/{id}`). */
  async find(id: string): Promise<JsonObject> {
    return this.#render(this.#job(id), await this.#appId(), true);
  }

  /** A job's error feed (`GET /jobs/{id}/error`): its failed items, in the order they failed. */
  async errors(id: string): Promise<JsonObject> {
    const job = this.#job(id);
    return {
      app_id: await this.#appId(),
      job_id: job.id,
      pages: {},
      items: job.errors.map((entry) => ({ id: entry.id, data: entry.data, error: { ...entry.error } })),
    };
  }

  /** Settles when every task queued so far has run (for tests and orderly shutdowns). */
  async settled(): Promise<void> {
    await Promise.all([...this.#jobs.values()].map((job) => job.queue));
  }

  #job(id: string): JobRecord {
    const job = this.#jobs.get(id);
    if (job === undefined) throw apiError(404, 'not_found', 'Job Not Found');
    return job;
  }

  /** Runs a task: its creates, then its deletes (as 1.x), a few items in flight at once. */
  async #run(job: JobRecord, { task, options }: QueuedTask): Promise<void> {
    task.state = 'running';
    task.started_at = nowSeconds();
    const failedBefore = job.errors.length;
    for (const method of ['post', 'delete'] as const) {
      const items = task.items.filter((item) => item.method === method);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < items.length) {
          const item = items[next++] as TaskRecord['items'][number];
          try {
            await this.#send(item, options);
          } catch (error) {
            job.errors.push({ id: item.id, data: item.data, error: failureOf(error) });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(JOB_ITEMS_IN_FLIGHT, items.length) }, worker));
    }
    const done = nowSeconds();
    task.state = job.errors.length > failedBefore ? 'completed_with_errors' : 'completed';
    task.completed_at = done;
    job.updated_at = done;
    if (job.tasks.every((t) => t.completed_at !== null)) job.completed_at = done;
  }

  /** Sends one item as the 1.x request it stands for, once. */
  async #send(item: BulkJobItem, options: RequestOptions | undefined): Promise<unknown> {
    const data = item.data;
    if (item.data_type === 'event') {
      return this.#bridge.send({ method: 'POST', path: '/events', body: data, options, idempotent: false });
    }
    if (item.method === 'post') {
      // An upsert keyed by an identifier, as users.create sends it (not repeatable when it counts a session).
      return this.#bridge.send({ method: 'POST', path: '/users', body: data, options, idempotent: data.new_session !== true });
    }
    const [key, value] = (['id', 'user_id', 'email'] as const).flatMap((k): Array<[string, string]> => {
      const v = data[k];
      return typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [];
    })[0] ?? ['id', ''];
    const id = await personIdOf(this.#bridge, 'user', key, value, options);
    const archive: ApiRequest = { method: 'DELETE', path: apiPath`/users/${id}`, body: {}, options, idempotent: true };
    return this.#bridge.send(archive);
  }

  #render(job: JobRecord, appId: string, withTasks: boolean): JsonObject {
    const self = `${this.#baseUrl}/jobs/${encodeURIComponent(job.id)}`;
    const running = job.tasks.some((task) => task.completed_at === null);
    const out: JsonObject = {
      id: job.id,
      app_id: appId,
      name: 'api_bulk_job',
      state: running ? 'running' : job.errors.length > 0 ? 'completed_with_errors' : 'completed',
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
}

/** The items and `job.id` of a 1.x bulk request body. */
export function bulkRequestOf(body: unknown): { items: BulkJobItem[]; jobId: string | undefined } {
  const object = objectOf(body);
  const items = Array.isArray(object.items) ? object.items.map((item) => objectOf(item) as unknown as BulkJobItem) : [];
  const job = object.job === undefined || object.job === null ? undefined : objectOf(object.job).id;
  return { items, jobId: typeof job === 'string' && job !== '' ? job : undefined };
}
