/** Data attributes in the 2.x shape: built-in ones (no id) and custom ones (`custom_attributes.<name>`). */
import { BUILT_IN_ATTRIBUTES } from '../../domain/data-attributes.js';
import type { DataAttributeRecord } from '../../domain/records.js';

/**
 * The description's data types: list attributes are strings with `options`, and `datetime` (which a
 * create takes) is a `date`.
 */
const WIRE_TYPES: Readonly<Record<DataAttributeRecord['data_type'], string>> = {
  string: 'string',
  options: 'string',
  integer: 'integer',
  float: 'float',
  boolean: 'boolean',
  date: 'date',
  datetime: 'date',
};

/** The wire form of a custom data attribute. */
export function renderDataAttribute(record: DataAttributeRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: Number(record.id),
    type: 'data_attribute',
    name: record.name,
    full_name: `custom_attributes.${record.name}`,
    label: record.name,
    description: record.description,
    data_type: WIRE_TYPES[record.data_type],
    api_writable: true,
    ui_writable: false,
    messenger_writable: record.messenger_writable,
    custom: true,
    archived: record.archived,
    created_at: record.created_at,
    updated_at: record.updated_at,
    model: record.model,
  };
  if (record.data_type === 'options') out.options = [...record.options];
  if (record.admin_id !== null) out.admin_id = record.admin_id;
  return out;
}

/** The built-in data attributes of a model. */
export function renderBuiltInAttributes(model: DataAttributeRecord['model']): Record<string, unknown>[] {
  return BUILT_IN_ATTRIBUTES[model].map(([name, fullName, label, dataType, apiWritable]) => ({
    type: 'data_attribute',
    name,
    full_name: fullName,
    label,
    description: label,
    data_type: dataType,
    api_writable: apiWritable,
    ui_writable: false,
    messenger_writable: true,
    custom: false,
    archived: false,
    model,
  }));
}
