/** `/me`, `/admins` and `/teams` (API 1.x). */
import { ApiError } from '../../api-error.js';
import type { AdminRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { renderAdmin, renderMe } from '../../renderers/v1/admins.js';
import { bodyObject, optionalBoolean } from '../../requests/v1/payload.js';
import type { Router } from '../../router.js';

function adminOr404(store: Store, id: string): AdminRecord {
  const admin = store.admins.get(id);
  if (admin === undefined) throw new ApiError(404, 'admin_not_found', 'Admin Not Found');
  return admin;
}

/** Registers `/me`, `/admins` and `/teams`. */
export function adminRoutes(router: Router): void {
  router.add('GET', '/me', (ctx) => ({ status: 200, body: renderMe(adminOr404(ctx.store, ctx.adminId), ctx.store.appId) }));
  router.add('GET', '/admins', (ctx) => ({
    status: 200,
    body: { type: 'admin.list', admins: [...ctx.store.admins.values()].map(renderAdmin) },
  }));
  router.add('GET', '/admins/:id', (ctx) => ({ status: 200, body: renderAdmin(adminOr404(ctx.store, ctx.params.id as string)) }));
  router.add('PUT', '/admins/:id/away', (ctx) => {
    const admin = adminOr404(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const enabled = optionalBoolean(body, 'away_mode_enabled');
    const reassign = optionalBoolean(body, 'away_mode_reassign');
    if (enabled !== undefined) admin.away_mode_enabled = enabled;
    if (reassign !== undefined) admin.away_mode_reassign = reassign;
    return { status: 200, body: renderAdmin(admin) };
  });
  router.add('GET', '/teams', (ctx) => ({ status: 200, body: { type: 'team.list', teams: [...ctx.store.teams.values()] } }));
  router.add('GET', '/teams/:id', (ctx) => {
    const team = ctx.store.teams.get(ctx.params.id as string);
    if (team === undefined) throw new ApiError(404, 'team_not_found', 'Team Not Found');
    return { status: 200, body: team };
  });
}
