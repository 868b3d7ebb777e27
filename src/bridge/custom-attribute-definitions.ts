/**
 * Custom attributes on 2.x: 1.x made a custom attribute the first time a write set it; 2.x refuses a
 * write that names an attribute it does not know ("Custom attribute 'plan' does not exist"), until it
 * is defined with `POST /data_attributes`. The bridge keeps the 1.x behaviour: a write refused for an
 * unknown attribute defines it (its data type taken from the value written) and is sent again. A
 * refused write was not applied, so sending it again is safe.
 *
 * @module
 */
import { IntercomError } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { sendV2 } from './contact-lookup.js';
import type { BridgeContext } from './route-table.js';

/** The 2.x models that carry custom attributes. */
export type AttributeModel = 'contact' | 'company';

/** The attribute a 400 refusal names as unknown, if that is why the write was refused. */
function unknownAttribute(error: unknown): string | undefined {
  if (!(error instanceof IntercomError) || error.httpCode !== 400) return undefined;
  return /attribute '([^']+)' does not exist/i.exec(error.message)?.[1];
}

/** The 2.x data type of a value as 1.x typed it on first write (`*_at` integers are dates). */
export function dataTypeOf(name: string, value: unknown): string {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'float';
    return name.endsWith('_at') ? 'date' : 'integer';
  }
  return 'string';
}

/**
 * Runs a 2.x write of `attributes` on `model`; each time it is refused for an unknown attribute of
 * `attributes`, defines that attribute and runs the write again.
 */
export async function withAttributesDefined<T>(
  context: BridgeContext,
  model: AttributeModel,
  attributes: unknown,
  options: RequestOptions | undefined,
  write: () => Promise<T>,
): Promise<T> {
  const values = typeof attributes === 'object' && attributes !== null ? (attributes as JsonObject) : {};
  const defined = new Set<string>();
  for (;;) {
    try {
      return await write();
    } catch (error) {
      const name = unknownAttribute(error);
      if (name === undefined || !(name in values) || defined.has(name)) throw error;
      defined.add(name);
      await sendV2(context, options, {
        method: 'POST',
        path: '/data_attributes',
        body: { name, model, data_type: dataTypeOf(name, values[name]) },
      }).catch((define: unknown) => {
        // Defined meanwhile (another write, another client): the write is sent again all the same.
        if (!(define instanceof IntercomError && define.httpCode === 400)) throw define;
      });
    }
  }
}
