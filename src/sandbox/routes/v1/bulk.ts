/** Bulk jobs (API 1.x): `/bulk/users` and `/bulk/events` items applied in the background, and `/jobs`. */
import { randomUUID } from 'node:crypto';
import { ApiError, invalid, missing, notFound } from '../../api-error.js';
import { recordEvent } from '../../domain/data-events.js';
import { DomainError } from '../../domain/errors.js';
import { erasePerson, findUser, upsertUser, userNotFound } from '../../domain/people.js';
import { type BulkItem, type JobRecord, type JobTaskRecord, nowSeconds } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { apiErrorOf } from '../../renderers/v1/errors.js';
import { renderJob } from '../../renderers/v1/jobs.js';
import { readEventWrite } from '../../requests/v1/data-events.js';
import { type Body, bodyObject, optionalIdentifier, optionalString } from '../../requests/v1/payload.js';
import { noIdentifier, readIdentifiers, readPersonChanges } from '../../requests/v1/people.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

/** A job accepts new items for 15 minutes after its creation. */
const JOB_OPEN_SECONDS = 900;

/** `job_a916803a_3a7c_11e6_bfad_6b1784c25fa6`: hex groups joined by `_`. */
const newJobId = (): string => `job_${randomUUID().replace(/-/g, '_')}`;
const newTaskId = (): string => `task_${randomUUID().replace(/-/g, '_')}`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and checks the items of a bulk request. Only the envelope is checked here; `data` is checked when processed. */
function readItems(store: Store, body: Body, dataType: BulkItem['data_type']): BulkItem[] {
  const items = body.items;
  if (items === undefined || items === null) throw missing('items');
  if (!Array.isArray(items)) throw invalid('items must be an array', 'items');
  if (items.length === 0) throw invalid('items must not be empty', 'items');
  return items.map((item: unknown, i) => {
    const field = `items[${i}]`;
    if (!isObject(item)) throw invalid(`${field} must be an object`, field);
    const method = optionalString(item, 'method');
    if (method !== 'post' && method !== 'delete') throw invalid(`${field}.method must be 'post' or 'delete'`, `${field}.method`);
    if (method === 'delete' && dataType === 'event') {
      throw invalid('events do not support bulk delete operations', `${field}.method`);
    }
    const type = optionalString(item, 'data_type');
    if (type !== dataType) throw invalid(`${field}.data_type must be '${dataType}'`, `${field}.data_type`);
    if (!isObject(item.data)) throw invalid(`${field}.data must be an object`, `${field}.data`);
    return { id: store.nextId(), method, data_type: dataType, data: item.data };
  });
}

/** The open job a request appends to (`job: {id}`), or undefined to create one. */
function jobToAppendTo(store: Store, body: Body): JobRecord | undefined {
  const job = body.job;
  if (job === undefined || job === null) return undefined;
  if (!isObject(job)) throw invalid('job must be an object', 'job');
  const id = optionalIdentifier(job, 'id');
  if (id === undefined) throw missing('job.id');
  const record = store.jobs.get(id);
  if (record === undefined) throw notFound('Job Not Found');
  if (nowSeconds() >= record.closing_at) {
    throw new ApiError(400, 'job_closed', `Job ${id} is closed for new task updates`, 'job.id');
  }
  return record;
}

/** Applies one item to the store, as `POST /events`, `POST /users` or a delete would; throws when it fails. */
function applyItem(store: Store, item: BulkItem): void {
  if (item.data_type === 'event') {
    const write = readEventWrite(item.data);
    const owner = findUser(store, write.owner, { leads: true });
    if (owner === undefined) throw userNotFound();
    recordEvent(store, owner, write.eventName, write.createdAt, write.metadata);
    return;
  }
  const ids = readIdentifiers(item.data);
  if (item.method === 'post') {
    if (noIdentifier(ids)) throw new ApiError(400, 'missing_parameter', 'User email, user_id or anonymous_id must be supplied');
    upsertUser(store, ids, readPersonChanges(item.data));
    return;
  }
  if (noIdentifier(ids)) throw new ApiError(400, 'missing_parameter', 'User email, user_id or id must be supplied');
  const record = findUser(store, ids);
  if (record === undefined) throw userNotFound();
  erasePerson(store, record);
}

/** Processes a task's items, recording each failure in the job's error feed. */
function processTask(store: Store, job: JobRecord, task: JobTaskRecord): void {
  const started = nowSeconds();
  task.state = 'running';
  task.started_at = started;
  let failed = 0;
  for (const item of task.items) {
    try {
      applyItem(store, item);
    } catch (error) {
      failed += 1;
      const failure = error instanceof DomainError ? apiErrorOf(error) : error;
      const reason =
        failure instanceof ApiError
          ? { code: failure.code, message: failure.message }
          : { code: 'server_error', message: 'The item could not be processed' };
      job.errors.push({ id: item.id, data: item.data, error: reason });
    }
  }
  const done = nowSeconds();
  task.state = failed > 0 ? 'completed_with_errors' : 'completed';
  task.completed_at = done;
  job.updated_at = done;
  if (job.tasks.every((t) => t.completed_at !== null)) job.completed_at = done;
}

/** `POST /bulk/users` and `/bulk/events`: a new job, or a task appended to an open one; processed on a timer. */
function submit(ctx: RouteContext, dataType: BulkItem['data_type']): RouteResult {
  const { store } = ctx;
  const body = bodyObject(ctx.body);
  const existing = jobToAppendTo(store, body);
  const items = readItems(store, body, dataType);
  const now = nowSeconds();
  let job = existing;
  if (job === undefined) {
    job = {
      id: newJobId(),
      created_at: now,
      updated_at: now,
      completed_at: null,
      closing_at: now + JOB_OPEN_SECONDS,
      tasks: [],
      errors: [],
    };
    store.addJob(job);
  }
  const task: JobTaskRecord = { id: newTaskId(), created_at: now, started_at: null, completed_at: null, state: 'pending', items };
  job.tasks.push(task);
  job.updated_at = now;
  job.completed_at = null;
  const owner = job;
  // Asynchronous, as the API: the answer says `running`; the items are applied a moment later.
  setTimeout(() => processTask(store, owner, task), store.jobDelayMs).unref();
  return { status: 202, body: renderJob(job, ctx.origin, ctx.store.appId, false) };
}

function findJob(ctx: RouteContext): JobRecord {
  const job = ctx.store.jobs.get(ctx.params.id as string);
  if (job === undefined) throw notFound('Job Not Found');
  return job;
}

/** Registers `/bulk/users`, `/bulk/events`, `/jobs/{id}` and `/jobs/{id}/error`. */
export function bulkRoutes(router: Router): void {
  router.add('POST', '/bulk/users', (ctx) => submit(ctx, 'user'));
  router.add('POST', '/bulk/events', (ctx) => submit(ctx, 'event'));
  router.add('GET', '/jobs/:id', (ctx) => ({ status: 200, body: renderJob(findJob(ctx), ctx.origin, ctx.store.appId, true) }));
  router.add('GET', '/jobs/:id/error', (ctx) => {
    const job = findJob(ctx);
    return {
      status: 200,
      body: {
        app_id: ctx.store.appId,
        job_id: job.id,
        pages: {},
        items: job.errors.map((entry) => ({ id: entry.id, data: entry.data, error: { ...entry.error } })),
      },
    };
  });
}
