/** Webhook subscriptions in the 1.x shape. */
import type { SubscriptionRecord } from '../../domain/records.js';

/** The wire form of a subscription; `origin` makes its `self` and feed links. */
export function renderSubscription(record: SubscriptionRecord, origin: string, appId: string): Record<string, unknown> {
  const self = `${origin}/subscriptions/${encodeURIComponent(record.id)}`;
  return {
    type: 'notification_subscription',
    id: record.id,
    created_at: record.created_at,
    updated_at: record.updated_at,
    service_type: record.service_type,
    app_id: appId,
    url: record.url,
    self,
    topics: [...record.topics],
    active: record.active,
    metadata: { ...record.metadata },
    hub_secret: record.hub_secret,
    mode: 'point',
    links: { sent: `${self}/sent`, retry: `${self}/retry`, errors: `${self}/error` },
    notes: [],
  };
}
