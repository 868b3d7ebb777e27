import { entity, type JsonObject } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath } from '../core/url.js';
import { requireId, requireObject } from '../core/validation.js';

/** The workspace an admin's token belongs to (`GET /me` only). */
export interface AdminApp {
  type: 'app';
  id_code: string;
  name?: string;
  created_at?: number;
  secure?: boolean;
  identity_verification?: boolean;
  timezone?: string;
  [field: string]: unknown;
}

/** A teammate. */
export interface Admin {
  type: 'admin';
  id: string;
  name: string;
  email: string;
  job_title?: string | null;
  away_mode_enabled?: boolean;
  away_mode_reassign?: boolean;
  avatar?: { type?: 'avatar'; image_url: string | null };
  team_ids?: number[];
  /** Only on `GET /me`. */
  app?: AdminApp;
  [field: string]: unknown;
}

/** A team, as older apps list them among admins. */
export interface AdminListTeam {
  type: 'team';
  id: string;
  name: string;
  admin_ids?: number[];
  [field: string]: unknown;
}

/** Admins (teammates): `intercom.admins`. */
export class Admins extends APIResource {
  /** The admin who owns the access token (`GET /me`). Personal access tokens and OAuth only. */
  async me(options?: RequestOptions): Promise<Admin> {
    return entity<Admin>(await this.http.get('/me', { options }));
  }

  /** One admin by id (`GET /admins/{id}`). */
  async find(params: { id: string }, options?: RequestOptions): Promise<Admin> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    return entity<Admin>(await this.http.get(apiPath`/admins/${id}`, { options }));
  }

  /** Every admin (`GET /admins`). Older apps also list teams here, typed `team`. */
  all(options?: RequestOptions): PageIterator<Admin | AdminListTeam> {
    return this.http.list('/admins', { itemsKey: 'admins', toModel: (raw: JsonObject) => raw as Admin | AdminListTeam, options });
  }
}
