import type { ApiVersion } from '../../api-version.js';
import type { Store } from '../../domain/store.js';

/** What a 1.x renderer needs: the records, the API version, and the request's query (`display_as`). */
export interface RenderContext {
  store: Store;
  version: ApiVersion;
  query: URLSearchParams;
}
