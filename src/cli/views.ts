/**
 * The columns a table shows for each kind of record (`custom_attributes.*` expands to every custom
 * attribute seen). CSV and JSON always carry every field.
 *
 * @module
 */
import type { View } from './output.js';

export const VIEWS = {
  users: { table: ['id', 'user_id', 'email', 'name', 'custom_attributes.*'] },
  contacts: { table: ['id', 'user_id', 'email', 'name', 'pseudonym', 'custom_attributes.*'] },
  customers: { table: ['id', 'role', 'user_id', 'email', 'name', 'custom_attributes.*'] },
  companies: { table: ['id', 'company_id', 'name', 'plan', 'user_count', 'monthly_spend', 'custom_attributes.*'] },
  admins: { table: ['type', 'id', 'name', 'email', 'job_title', 'away_mode_enabled'] },
  teams: { table: ['id', 'name', 'admin_ids'] },
  tags: { table: ['id', 'name'] },
  segments: { table: ['id', 'name', 'person_type', 'count', 'updated_at'] },
  notes: { table: ['id', 'created_at', 'author.name', 'user.id', 'body'] },
  events: { table: ['event_name', 'created_at', 'email', 'user_id', 'metadata.*'] },
  subscriptions: { table: ['id', 'url', 'topics', 'active'] },
  jobs: { table: ['id', 'state', 'created_at', 'completed_at'] },
  jobErrors: { table: ['id', 'error.code', 'error.message', 'data.user_id', 'data.email'] },
  conversations: {
    table: ['id', 'state', 'updated_at', 'user.id', 'assignee.id', 'conversation_message.body'],
  },
} satisfies Record<string, View>;
