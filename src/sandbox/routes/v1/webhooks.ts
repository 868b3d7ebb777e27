/** Webhook pings and the delivery feeds of a subscription (API 1.x). */
import { notFound } from '../../api-error.js';
import type { SubscriptionRecord } from '../../domain/records.js';
import type { RouteContext, Router } from '../../router.js';

function subscriptionOr404(ctx: RouteContext): SubscriptionRecord {
  const record = ctx.store.subscriptions.get(ctx.params.id as string);
  if (record === undefined) throw notFound('Subscription Not Found');
  return record;
}

/** A feed as `notification.list`, newest first. */
function feed(ctx: RouteContext, which: 'sent' | 'errors'): { status: number; body: Record<string, unknown> } {
  const record = subscriptionOr404(ctx);
  const entries = ctx.store.feedsOf(record.id)[which];
  return { status: 200, body: { type: 'notification.list', notifications: [...entries].reverse() } };
}

/**
 * Registers `POST /subscriptions/{id}/ping` (delivers a `ping` to that subscription, whatever its
 * topics) and the feeds `GET /subscriptions/{id}/sent` and `/error`.
 */
export function webhookRoutes(router: Router): void {
  router.add('POST', '/subscriptions/:id/ping', (ctx) => {
    const record = subscriptionOr404(ctx);
    ctx.store.sink.publish({ type: 'subscription.pinged', subscription: record });
    return { status: 200 };
  });
  router.add('GET', '/subscriptions/:id/sent', (ctx) => feed(ctx, 'sent'));
  router.add('GET', '/subscriptions/:id/error', (ctx) => feed(ctx, 'errors'));
}
