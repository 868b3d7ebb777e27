/** Admins, teams and the app in the 1.x shape. */
import type { AdminRecord } from '../../domain/records.js';

export function renderAdmin(admin: AdminRecord): Record<string, unknown> {
  return { ...admin, avatar: { image_url: null } };
}

/** `GET /me`: the token's admin and its app. */
export function renderMe(admin: AdminRecord, appId: string): Record<string, unknown> {
  return {
    ...renderAdmin(admin),
    app: {
      type: 'app',
      id_code: appId,
      name: 'Sandbox',
      created_at: 1539897198,
      secure: false,
      identity_verification: false,
      timezone: 'Europe/Dublin',
    },
  };
}
