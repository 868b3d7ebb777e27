/**
 * The client side of the export-memory bench, in its own process so that its resident set holds
 * nothing but the client: scrolls `records` users out of the sandbox and prints one JSON line with
 * the records read, the seconds taken, the resident set before and at its peak, and the peak so far
 * after every 50,000 records.
 *
 * argv: <sandbox url> <token> <records>
 */
import { Client } from 'intercom-ts';
import { peakRss } from './harness.js';

const [url, token, wanted] = process.argv.slice(2) as [string, string, string];
const records = Number(wanted);
const intercom = new Client({ token, baseUrl: url });
const baselineRss = process.memoryUsage.rss();
const baselineHeap = process.memoryUsage().heapUsed;
const CHECKPOINT = 50_000;
const peakSoFar: Record<string, number> = {};
let read = 0;
let checksum = 0;
const started = performance.now();
for await (const user of intercom.users.scroll()) {
  // Touch every record, as an export would.
  checksum += (user.email?.length ?? 0) + Object.keys(user.custom_attributes).length;
  if (++read % CHECKPOINT === 0) peakSoFar[read] = (peakRss() ?? process.memoryUsage.rss()) - baselineRss;
  if (read === records) break;
}
const seconds = (performance.now() - started) / 1000;
intercom.close();
const peak = peakRss() ?? process.memoryUsage.rss();
console.log(
  JSON.stringify({
    records: read,
    checksum,
    seconds,
    baselineRss,
    peakRss: peak,
    rssGrowth: peak - baselineRss,
    heapUsedAtEnd: process.memoryUsage().heapUsed - baselineHeap,
    rssGrowthAt: peakSoFar,
  }),
);
