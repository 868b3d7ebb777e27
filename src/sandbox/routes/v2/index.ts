import type { Router } from '../../router.js';

/** Registers the stateful 2.x routes (contacts, companies, tags, notes, conversations...) on `router`. */
// biome-ignore lint/correctness/noUnusedFunctionParameters: no stateful 2.x route is registered yet.
export function registerV2Routes(router: Router): void {}
