import { ApiError } from '../api-error.js';
import { bodyObject, optionalBoolean } from '../payload.js';
import type { Router } from '../router.js';
import type { AdminRecord, Store } from '../store.js';

function renderAdmin(admin: AdminRecord): Record<string, unknown> {
  return { ...admin, avatar: { image_url: null } };
}

function adminOr404(store: Store, id: string): AdminRecord {
  const admin = store.admins.get(id);
  if (admin === undefined) throw new ApiError(404, 'admin_not_found', 'Admin Not Found');
  return admin;
}

/** Registers `/me`, `/admins` and `/teams`. */
export function adminRoutes(router: Router): void {
  router.add('GET', '/me', (ctx) => {
    const admin = adminOr404(ctx.store, ctx.adminId);
    return {
      status: 200,
      body: {
        ...renderAdmin(admin),
        app: {
          type: 'app',
          id_code: ctx.store.appId,
          name: 'Sandbox',
          created_at: 1539897198,
          secure: false,
          identity_verification: false,
          timezone: 'Europe/Dublin',
        },
      },
    };
  });
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
