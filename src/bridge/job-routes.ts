/**
 * The bridge's translation of bulk jobs, run client-side to API 2.x.
 *
 * @module
 */
import type { BridgeRoutes } from './route-table.js';

/** The 1.x routes of bulk jobs, run client-side. */
export const jobRoutes: BridgeRoutes = () => [];
