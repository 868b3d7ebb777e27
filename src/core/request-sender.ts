/**
 * What sends a resource's requests: the client's `RequestPipeline`, or, for the seed-style client on
 * API 2.x, the bridge that translates each 1.x request into 2.x calls (`src/bridge/`).
 *
 * @module
 */
import type { ApiRequest } from './request-pipeline.js';

/** Sends one request and answers its parsed JSON body (`null` for an empty one). */
export interface RequestSender {
  send(request: ApiRequest): Promise<unknown>;
}
