/** 2.x admins (identify, list, find, away), teams (list, find) and segments (list, find). */
import { ApiError } from '../../api-error.js';
import type { AdminRecord } from '../../domain/records.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { renderAdmin, renderSegment, renderTeam } from '../../renderers/v2/workspace.js';
import { bodyObject } from '../../requests/v1/payload.js';
import type { RouteContext, Router } from '../../router.js';

/** Registers `/me`, `/admins`, `/teams` and `/segments`. */
export function adminRoutes(router: Router): void {
  router.add('GET', '/me', (ctx: RouteContext) => {
    const admin = ctx.store.admins.get(ctx.adminId) as AdminRecord;
    return {
      status: 200,
      body: {
        ...renderAdmin(admin),
        avatar: { type: 'avatar', image_url: null },
        email_verified: true,
        app: {
          type: 'app',
          id_code: ctx.store.appId,
          name: 'Sandbox',
          created_at: 0,
          secure: false,
          identity_verification: false,
          timezone: 'Europe/Dublin',
          region: 'US',
        },
      },
    };
  });

  router.add('GET', '/admins', (ctx: RouteContext) => ({
    status: 200,
    body: { type: 'admin.list', admins: [...ctx.store.admins.values()].map(renderAdmin) },
  }));

  router.add('GET', '/admins/:id', (ctx: RouteContext) => {
    const admin = ctx.store.admins.get(ctx.params.id as string);
    if (admin === undefined) throw resourceNotFound('Admin');
    return { status: 200, body: renderAdmin(admin) };
  });

  router.add('PUT', '/admins/:id/away', (ctx: RouteContext) => {
    const admin = ctx.store.admins.get(ctx.params.id as string);
    if (admin === undefined) throw resourceNotFound('Admin');
    const body = bodyObject(ctx.body);
    for (const field of ['away_mode_enabled', 'away_mode_reassign'] as const) {
      if (typeof body[field] !== 'boolean') throw new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);
    }
    admin.away_mode_enabled = body.away_mode_enabled as boolean;
    admin.away_mode_reassign = body.away_mode_reassign as boolean;
    return { status: 200, body: renderAdmin(admin) };
  });

  router.add('GET', '/teams', (ctx: RouteContext) => ({
    status: 200,
    body: { type: 'team.list', teams: [...ctx.store.teams.values()].map(renderTeam) },
  }));

  router.add('GET', '/teams/:id', (ctx: RouteContext) => {
    const team = ctx.store.teams.get(ctx.params.id as string);
    if (team === undefined) throw resourceNotFound('Team');
    return { status: 200, body: renderTeam(team) };
  });

  router.add('GET', '/segments', (ctx: RouteContext) => {
    const withCount = ctx.query.get('include_count') === 'true';
    const people = [...ctx.store.users.values()];
    // Contact segments (person_type user or contact): 2.x lists no company segments.
    const segments = [...ctx.store.segments.values()]
      .filter((segment) => segment.person_type !== 'company')
      .map((segment) =>
        renderSegment(segment, withCount ? people.filter((r) => r.segment_ids.includes(segment.id)).length : undefined),
      );
    return { status: 200, body: { type: 'segment.list', segments } };
  });

  router.add('GET', '/segments/:id', (ctx: RouteContext) => {
    const segment = ctx.store.segments.get(ctx.params.id as string);
    if (segment === undefined) throw resourceNotFound('Segment');
    return { status: 200, body: renderSegment(segment) };
  });
}
