/**
 * The bridge's translation of webhook subscriptions to API 2.x.
 *
 * @module
 */
import type { BridgeRoutes } from './route-table.js';

/** The 1.x routes of webhook subscriptions. */
export const subscriptionRoutes: BridgeRoutes = () => [];
