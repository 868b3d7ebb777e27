// Compile-time checks: each @ts-expect-error line must be a type error, or the test build fails.
// The function is never called; the test only proves the file compiled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Company, Contact, DataEvent, User, Visitor } from 'intercom-ts';
import {
  createWebhookHandler,
  isKnownNotification,
  type Notification,
  type NotificationOf,
  parseNotification,
  type UserTagItem,
} from 'intercom-ts/webhooks';

export function typeChecks(raw: Buffer): void {
  const notification: Notification = parseNotification(raw);
  // Before telling known topics apart, an item is unknown.
  // @ts-expect-error the topic could be one intercom-ts does not know
  const early: User = notification.data.item;
  if (isKnownNotification(notification)) {
    switch (notification.topic) {
      case 'user.created': {
        const user: User = notification.data.item;
        const email: string | null = user.email;
        // @ts-expect-error a user is not a company
        const wrong: Company = notification.data.item;
        void [email, wrong];
        break;
      }
      case 'user.tag.created': {
        const item: UserTagItem = notification.data.item;
        const user: User = item.user;
        const tagName: string = item.tag.name;
        void [user, tagName];
        break;
      }
      case 'contact.signed_up': {
        const lead: Contact = notification.data.item;
        void lead;
        break;
      }
      case 'visitor.signed_up': {
        const visitor: Visitor = notification.data.item;
        void visitor;
        break;
      }
      case 'company.created': {
        const company: Company = notification.data.item;
        void company;
        break;
      }
      case 'conversation.user.replied':
      case 'conversation.admin.closed': {
        const id: string = notification.data.item.id;
        const parts: unknown[] = notification.data.item.conversation_parts;
        void [id, parts];
        break;
      }
      case 'event.created': {
        const event: DataEvent = notification.data.item;
        void event;
        break;
      }
      case 'ping': {
        const message: string = notification.data.item.message;
        void message;
        break;
      }
      // @ts-expect-error not a 1.x topic
      case 'ticket.created':
        break;
    }
  } else {
    const topic: string = notification.topic;
    const item: unknown = notification.data.item;
    void [topic, item];
  }
  const attempts: number = notification.delivery_attempts;

  // Handlers are typed by their topic.
  createWebhookHandler({
    secret: 's',
    on: {
      'user.created': (n: NotificationOf<'user.created'>) => void n.data.item.email,
      'company.created': async (n) => {
        const name: string | null = n.data.item.name;
        void name;
      },
      '*': (n) => void n.topic,
    },
  });
  createWebhookHandler({
    secret: 's',
    on: {
      // @ts-expect-error the item of user.created is a User, which has no company_id
      'user.created': (n) => void n.data.item.company_id.length,
    },
  });
  // @ts-expect-error not a topic
  createWebhookHandler({ secret: 's', on: { 'user.exploded': () => {} } });
  // @ts-expect-error the secret is required
  createWebhookHandler({ on: {} });
  void [early, attempts];
}

test('webhook type checks compiled', () => {
  assert.equal(typeof typeChecks, 'function');
});
