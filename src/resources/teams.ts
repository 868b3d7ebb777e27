import { entity, type JsonObject } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath } from '../core/url.js';
import { requireId, requireObject } from '../core/validation.js';

/** A team of admins. */
export interface Team {
  type: 'team';
  id: string;
  name: string;
  /** The admins in the team (integers, as the API sends them). */
  admin_ids: number[];
  [field: string]: unknown;
}

/** Teams: `intercom.teams`. */
export class Teams extends APIResource {
  /**
   * One team by id (`GET /teams/{id}`), a string or a number as in `admin.team_ids`. An unknown id
   * throws {@link ResourceNotFound}.
   */
  async find(params: { id: string | number }, options?: RequestOptions): Promise<Team> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    return entity<Team>(await this.http.get(apiPath`/teams/${id}`, { options }));
  }

  /** Every team (`GET /teams`). */
  all(options?: RequestOptions): PageIterator<Team> {
    return this.http.list('/teams', { itemsKey: 'teams', toModel: (raw: JsonObject) => raw as Team, options });
  }
}
