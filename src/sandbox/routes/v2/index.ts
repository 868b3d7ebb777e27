/** The 2.x routes of the sandbox: the stateful operations, over the same records as 1.x. */
import type { Router } from '../../router.js';
import { contactRoutes } from './contacts.js';

/** Registers every stateful 2.x route on `router`. */
export function registerV2Routes(router: Router): void {
  contactRoutes(router);
}
