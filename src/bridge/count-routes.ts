/**
 * The bridge's translation of counts to API 2.x.
 *
 * @module
 */
import type { BridgeRoutes } from './route-table.js';

/** The 1.x routes of counts. */
export const countRoutes: BridgeRoutes = () => [];
