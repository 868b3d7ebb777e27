/**
 * Data attributes of contacts and companies: the built-in ones, and the custom ones a workspace
 * defines (2.x `POST /data_attributes`) or that 1.x writes created on the fly (1.x stores any custom
 * attribute it is given; such attributes are found on the records and defined then, their data type
 * read from the value). Custom attribute writes through 2.x are checked against them.
 */
import { DomainError, notFound } from './errors.js';
import { type Attributes, type DataAttributeRecord, nowSeconds } from './records.js';
import type { Store } from './store.js';

/** A built-in attribute of a model: `[name, full_name, label, data_type, api_writable]`. */
type BuiltIn = readonly [string, string, string, 'string' | 'integer' | 'float' | 'boolean' | 'date', boolean];

/** The built-in attributes of each model, as Intercom lists them. */
export const BUILT_IN_ATTRIBUTES: Readonly<Record<DataAttributeRecord['model'], readonly BuiltIn[]>> = {
  contact: [
    ['id', 'id', 'ID', 'string', false],
    ['external_id', 'external_id', 'User ID', 'string', true],
    ['role', 'role', 'Role', 'string', true],
    ['name', 'name', 'Name', 'string', true],
    ['email', 'email', 'Email', 'string', true],
    ['phone', 'phone', 'Phone', 'string', true],
    ['owner_id', 'owner_id', 'Owner', 'integer', true],
    ['unsubscribed_from_emails', 'unsubscribed_from_emails', 'Unsubscribed from emails', 'boolean', true],
    ['created_at', 'created_at', 'Created at', 'date', false],
    ['updated_at', 'updated_at', 'Updated at', 'date', false],
    ['signed_up_at', 'signed_up_at', 'Signed up', 'date', true],
    ['last_seen_at', 'last_seen_at', 'Last seen', 'date', true],
  ],
  company: [
    ['name', 'name', 'Company name', 'string', true],
    ['company_id', 'company_id', 'Company ID', 'string', false],
    ['last_request_at', 'last_request_at', 'Company last seen', 'date', false],
    ['remote_created_at', 'remote_created_at', 'Company created at', 'date', true],
    ['user_count', 'user_count', 'People', 'integer', false],
    ['session_count', 'session_count', 'Company web sessions', 'integer', false],
    ['name', 'plan.name', 'Plan', 'string', false],
    ['monthly_spend', 'monthly_spend', 'Monthly Spend', 'float', true],
    ['size', 'size', 'Company size', 'integer', true],
    ['industry', 'industry', 'Company industry', 'string', true],
    ['website', 'website', 'Company website', 'string', true],
    ['id', 'id', 'ID', 'string', false],
    ['created_at', 'created_at', 'Created at', 'date', false],
    ['updated_at', 'updated_at', 'Updated at', 'date', false],
  ],
};

/** The custom attributes of a model, oldest first. */
export function customAttributesOf(store: Store, model: DataAttributeRecord['model']): DataAttributeRecord[] {
  return [...store.dataAttributes.values()].filter((a) => a.model === model);
}

/** The data type a value written on the fly gives its attribute. */
function dataTypeOf(value: Attributes[string]): DataAttributeRecord['data_type'] {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return 'string';
}

function nextId(store: Store): string {
  let max = 0;
  for (const id of store.dataAttributes.keys()) max = Math.max(max, Number(id) || 0);
  return String(max + 1);
}

/**
 * Defines the custom attributes found on a model's records (written through 1.x, or by the seed)
 * that no data attribute describes yet; `only` limits the search to these names.
 */
export function defineWrittenAttributes(store: Store, model: DataAttributeRecord['model'], only?: ReadonlySet<string>): void {
  const known = new Set(customAttributesOf(store, model).map((a) => a.name));
  const records = model === 'company' ? store.companies.values() : [...store.users.values()].filter((r) => r.role !== 'visitor');
  const at = nowSeconds();
  for (const record of records) {
    for (const [name, value] of Object.entries(record.custom_attributes)) {
      if (known.has(name) || (only !== undefined && !only.has(name)) || value === null) continue;
      known.add(name);
      const id = nextId(store);
      store.dataAttributes.set(id, {
        id,
        model,
        name,
        description: '',
        data_type: dataTypeOf(value),
        options: [],
        messenger_writable: false,
        archived: false,
        admin_id: null,
        created_at: at,
        updated_at: at,
      });
    }
  }
}

/** How a model is named in Intercom's messages. */
const DATA_NAMES: Readonly<Record<DataAttributeRecord['model'], string>> = { contact: 'people', company: 'company' };

/** What a new custom attribute is made of. */
export interface NewDataAttribute {
  name: string;
  model: DataAttributeRecord['model'];
  data_type: DataAttributeRecord['data_type'];
  description?: string | undefined;
  options?: string[] | undefined;
  messenger_writable?: boolean | undefined;
  admin_id: string;
}

/** Letters, digits, currency symbols (but `$`), spaces, hyphens and underscores. */
const VALID_NAME = /^[\p{L}\p{N}\p{Sc} _-]+$/u;

/** Creates a custom attribute; names are unique across both models, as Intercom's are. */
export function createDataAttribute(store: Store, fields: NewDataAttribute): DataAttributeRecord {
  const name = fields.name.trim();
  if (!VALID_NAME.test(name) || name.includes('$')) {
    throw new DomainError(
      'invalid',
      'Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens',
      { field: 'name' },
    );
  }
  defineWrittenAttributes(store, 'contact', new Set([name]));
  defineWrittenAttributes(store, 'company', new Set([name]));
  const holder =
    [...store.dataAttributes.values()].find((a) => a.name === name) ??
    (BUILT_IN_ATTRIBUTES[fields.model].some(([n]) => n === name) ? { model: fields.model } : undefined);
  if (holder !== undefined) {
    throw new DomainError(
      'invalid',
      `You already have '${name}' in your ${DATA_NAMES[holder.model]} data. To save this as new ${DATA_NAMES[fields.model]} data, use a different name.`,
      { field: 'name' },
    );
  }
  const options = fields.options ?? [];
  if (fields.data_type === 'options' && options.length < 2) {
    throw new DomainError('invalid', 'A list attribute needs at least two options', { field: 'options' });
  }
  const at = nowSeconds();
  const record: DataAttributeRecord = {
    id: nextId(store),
    model: fields.model,
    name,
    description: fields.description ?? '',
    data_type: fields.data_type,
    options: fields.data_type === 'options' ? options : [],
    messenger_writable: fields.messenger_writable ?? false,
    archived: false,
    admin_id: fields.admin_id,
    created_at: at,
    updated_at: at,
  };
  store.dataAttributes.set(record.id, record);
  return record;
}

/** What an update of a custom attribute may change (its data type is fixed). */
export interface DataAttributeChanges {
  archived?: boolean | undefined;
  description?: string | undefined;
  options?: string[] | undefined;
  messenger_writable?: boolean | undefined;
}

/** Changes a custom attribute; only list attributes take options (at least two). */
export function updateDataAttribute(store: Store, id: string, changes: DataAttributeChanges): DataAttributeRecord {
  const record = store.dataAttributes.get(id);
  if (record === undefined) {
    throw notFound("We couldn't find that data attribute to update", { reason: 'field_not_found' });
  }
  if (changes.options !== undefined) {
    if (record.data_type !== 'options')
      throw new DomainError('invalid', 'Only list attributes have options', { field: 'options' });
    if (changes.options.length < 2)
      throw new DomainError('invalid', 'A list attribute needs at least two options', { field: 'options' });
    record.options = [...changes.options];
  }
  if (changes.archived !== undefined) record.archived = changes.archived;
  if (changes.description !== undefined) record.description = changes.description;
  if (changes.messenger_writable !== undefined) record.messenger_writable = changes.messenger_writable;
  record.updated_at = nowSeconds();
  return record;
}

/** Whether a value fits a custom attribute's data type (`null` clears any). */
function fits(attribute: DataAttributeRecord, value: Attributes[string]): boolean {
  switch (attribute.data_type) {
    case 'string':
      return typeof value === 'string';
    case 'options':
      return typeof value === 'string' && attribute.options.includes(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
    case 'datetime':
      return (
        (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && !Number.isNaN(Date.parse(value)))
      );
  }
}

/** What a data type is called in a refusal. */
const TYPE_NAMES: Readonly<Record<DataAttributeRecord['data_type'], string>> = {
  string: 'a string',
  options: 'one of its options',
  integer: 'an integer',
  float: 'a number',
  boolean: 'a boolean',
  date: 'a date (a Unix timestamp)',
  datetime: 'a date (a Unix timestamp)',
};

/**
 * Checks custom attributes written through 2.x against the model's data attributes: an unknown or
 * archived name, or a value of the wrong type, is refused before anything is stored.
 */
export function checkCustomAttributes(
  store: Store,
  model: DataAttributeRecord['model'],
  attributes: Attributes | undefined,
): void {
  if (attributes === undefined) return;
  const byName = (): Map<string, DataAttributeRecord> => new Map(customAttributesOf(store, model).map((a) => [a.name, a]));
  let known = byName();
  const unknown = Object.keys(attributes).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    // Attributes 1.x wrote on the fly are defined when first asked for.
    defineWrittenAttributes(store, model, new Set(unknown));
    known = byName();
  }
  for (const [name, value] of Object.entries(attributes)) {
    const attribute = known.get(name);
    if (attribute === undefined || attribute.archived) {
      throw new DomainError('invalid', `Custom attribute '${name}' does not exist`, { field: `custom_attributes.${name}` });
    }
    if (value !== null && !fits(attribute, value)) {
      throw new DomainError('invalid', `Custom attribute '${name}' must be ${TYPE_NAMES[attribute.data_type]}`, {
        field: `custom_attributes.${name}`,
      });
    }
  }
}
