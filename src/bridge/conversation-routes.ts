/**
 * The bridge's translation of conversations and messages to API 2.x.
 *
 * @module
 */
import type { BridgeRoutes } from './route-table.js';

/** The 1.x routes of conversations and messages. */
export const conversationRoutes: BridgeRoutes = () => [];
