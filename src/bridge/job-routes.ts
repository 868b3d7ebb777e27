/**
 * The bridge's translation of bulk jobs to API 2.x: 2.x has none for users and events (its
 * `/jobs/status/{id}` covers other async work), so jobs run client-side ({@link ClientSideJobs}):
 * `POST /bulk/users` and `/bulk/events` start or extend a job held by this client, whose items are sent
 * as individual paced calls; `GET /jobs/{id}` and `GET /jobs/{id}/error` report it in the 1.x shapes.
 * The jobs live in this client's process.
 *
 * @module
 */
import type { RequestOptions } from '../core/request-pipeline.js';
import { bulkRequestOf, ClientSideJobs } from './client-side-jobs.js';
import type { BridgeCall, BridgeRoutes } from './route-table.js';
import { objectOf, readV2 } from './v2-sends.js';

/** The 1.x routes of bulk jobs, run client-side. */
export const jobRoutes: BridgeRoutes = (context) => {
  // The workspace id of the jobs' `app_id`: `GET /me` once, on the first job.
  let appId: Promise<string> | undefined;
  const workspaceId = (options?: RequestOptions): Promise<string> => {
    appId ??= readV2(context.v2, '/me', undefined, options).then(
      (me) => String(objectOf(objectOf(me).app).id_code ?? ''),
      (error: unknown) => {
        appId = undefined;
        throw error;
      },
    );
    return appId;
  };
  const jobs = new ClientSideJobs(context.bridge, context.baseUrl, workspaceId);
  const submit = async (call: BridgeCall) => {
    const { items, jobId } = bulkRequestOf(call.body);
    return jobs.submit(items, jobId, call.options);
  };
  return [
    { method: 'POST', path: '/bulk/users', handle: submit },
    { method: 'POST', path: '/bulk/events', handle: submit },
    { method: 'GET', path: '/jobs/:id', handle: (call) => jobs.find(call.params.id as string) },
    { method: 'GET', path: '/jobs/:id/error', handle: (call) => jobs.errors(call.params.id as string) },
  ];
};
