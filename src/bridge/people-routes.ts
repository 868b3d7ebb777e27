/**
 * The bridge's translation of users, leads (1.x contacts), customers search, visitors, companies, tags, notes, segments, events, admins and teams to API 2.x.
 *
 * @module
 */
import type { BridgeRoutes } from './route-table.js';

/** The 1.x routes of users, leads (1.x contacts), customers search, visitors, companies, tags, notes, segments, events, admins and teams. */
export const peopleRoutes: BridgeRoutes = () => [];
