/** Reading a 2.x data attribute body: name, model, data type and options, with Intercom's words for each refusal. */
import { ApiError } from '../../api-error.js';
import type { DataAttributeRecord } from '../../domain/records.js';
import type { Body } from '../v1/payload.js';
import { readText } from './ticket-fields.js';

export const MODELS: readonly DataAttributeRecord['model'][] = ['contact', 'company'];
const DATA_TYPES: readonly DataAttributeRecord['data_type'][] = [
  'string',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'options',
];

/** `options: [{ value }, ...]` as the option strings; 400 when it is not such an array. */
export function readOptions(body: Body): string[] | undefined {
  const raw = body.options;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new ApiError(400, 'parameter_invalid', "Options isn't an array");
  return raw.map((item) => {
    const value = typeof item === 'object' && item !== null ? (item as Body).value : undefined;
    if (typeof value !== 'string' || value === '') throw new ApiError(400, 'parameter_invalid', 'Each option needs a value');
    return value;
  });
}

/** The name, model and data type of a create body, with Intercom's words for each refusal. */
export function readDataAttributeCreate(body: Body): {
  name: string;
  model: DataAttributeRecord['model'];
  dataType: DataAttributeRecord['data_type'];
} {
  const name = readText(body, 'name');
  if (name === undefined) throw new ApiError(400, 'parameter_not_found', 'name is a required parameter');
  const model = readText(body, 'model');
  if (!(MODELS as readonly string[]).includes(model ?? '')) {
    throw new ApiError(400, 'parameter_invalid', 'The Data Attribute model field must be either contact or company');
  }
  const dataType = readText(body, 'data_type');
  if (!(DATA_TYPES as readonly string[]).includes(dataType ?? '')) {
    throw new ApiError(400, 'parameter_invalid', "Data Type isn't an option");
  }
  readOptions(body);
  return { name, model: model as DataAttributeRecord['model'], dataType: dataType as DataAttributeRecord['data_type'] };
}
