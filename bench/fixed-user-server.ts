/** A loopback server that answers every request with the same user (the gem's test_user fixture). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const USER = JSON.stringify({
  type: 'user',
  id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  user_id: 'id-from-customers-app',
  email: 'bob@example.com',
  name: 'Joe Schmoe',
  avatar: { type: 'avatar', image_url: 'https://graph.facebook.com/1/picture?width=24&height=24' },
  app_id: 'the-app-id',
  custom_attributes: { a: 'b', b: 2 },
  companies: {
    type: 'company.list',
    companies: [
      {
        type: 'company',
        company_id: '123',
        id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
        app_id: 'the-app-id',
        name: 'Company 1',
        created_at: 1401970114,
      },
    ],
  },
  session_count: 123,
  unsubscribed_from_emails: true,
  last_request_at: 1401970113,
  created_at: 1401970114,
  remote_created_at: 1393613864,
  updated_at: 1401970114,
  user_agent_data:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_3) AppleWebKit/535.11 (KHTML, like Gecko) Chrome/17.0.963.56 Safari/535.11',
  social_profiles: {
    type: 'social_profile.list',
    social_profiles: [{ type: 'social_profile', name: 'twitter', url: 'http://twitter.com/abc', username: 'abc', id: null }],
  },
  location_data: {
    type: 'location_data',
    city_name: 'Dublin',
    continent_code: 'EU',
    country_name: 'Ireland',
    timezone: '+1000',
    country_code: 'IRL',
  },
  tags: { type: 'tag.list', tags: [] },
  segments: { type: 'segment.list', segments: [] },
});

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-ratelimit-limit': '1666',
      'x-ratelimit-remaining': '1665',
      'x-ratelimit-reset': '1800000000',
    });
    res.end(USER);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ url: `http://127.0.0.1:${port}` });
});
