/** A sandbox domain store for tests of the domain without HTTP. */
import type { DomainEvent } from '../../src/sandbox/domain/event-sink.js';
import { Store } from '../../src/sandbox/domain/store.js';

/** A store whose event sink records what the domain publishes, with one admin (`7`, Wash). */
export function recordingStore(): { store: Store; events: DomainEvent[] } {
  const events: DomainEvent[] = [];
  const store = new Store({ sink: { publish: (event) => events.push(event) } });
  store.addAdmin({
    type: 'admin',
    id: '7',
    name: 'Wash',
    email: 'wash@example.com',
    job_title: null,
    away_mode_enabled: false,
    away_mode_reassign: false,
    team_ids: [],
  });
  return { store, events };
}
