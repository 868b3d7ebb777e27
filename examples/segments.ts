// README: Segments. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/segments.js` in another.
import { intercom, show } from './setup.js';

// Iterate over all segments
for await (const segment of intercom.segments.all()) show('segments.all()', `id: ${segment.id} name: ${segment.name}`);

// Find a segment (include_count adds how many it holds)
const [first] = await intercom.segments.all().toArray();
if (first !== undefined) {
  const segment = await intercom.segments.find({ id: first.id, include_count: true });
  show('segments.find({ id, include_count: true })', `${segment.name}: ${segment.count} ${segment.person_type}s`);

  // The users in a segment
  const users = await intercom.users.bySegment(segment.id).toArray();
  show(
    'users.bySegment(segment.id)',
    users.map((u) => u.email),
  );
}

// Company segments, and the companies in them
for (const segment of await intercom.segments.findAll({ type: 'company', include_count: true }).toArray()) {
  const companies = await intercom.companies.bySegment(segment.id).toArray();
  show(`companies.bySegment('${segment.name}')`, `${segment.count} companies: ${companies.map((c) => c.name)}`);
}

intercom.close();
