import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Page } from '../../src/v2/page.js';

// A 2.x list's Page, without a server: pages chained by their `next` functions.

/** Pages holding `chunks` in turn, and the number of next pages fetched so far. */
function pagesOf(chunks: number[][]): { first: Page<number, { n: number }>; fetched: () => number } {
  let fetched = 0;
  const make = (i: number): Page<number, { n: number }> => {
    const next = async () => {
      fetched++;
      return make(i + 1);
    };
    return new Page(chunks[i] as number[], { n: i }, i + 1 < chunks.length ? next : undefined);
  };
  return { first: make(0), fetched: () => fetched };
}

test('a page has its data and response; the last one has no next page and says so', async () => {
  const { first } = pagesOf([[1, 2], [3]]);
  assert.deepEqual(first.data, [1, 2]);
  assert.deepEqual(first.response, { n: 0 });
  assert.equal(first.hasNextPage(), true);
  const second = await first.getNextPage();
  assert.deepEqual(second.data, [3]);
  assert.equal(second.hasNextPage(), false);
  await assert.rejects(second.getNextPage(), { name: 'RangeError', message: 'There is no next page' });
});

test('iterating a page yields its items and those of every later page, fetched as reached', async () => {
  const { first, fetched } = pagesOf([[1, 2], [], [3, 4], [5]]);
  const seen: number[] = [];
  for await (const item of first) {
    seen.push(item);
    if (item === 2) assert.equal(fetched(), 0, 'the next page is fetched only when the iteration reaches it');
  }
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  assert.equal(fetched(), 3);
});

test('toArray reads every item by default, and stops at limit without fetching further pages', async () => {
  assert.deepEqual(await pagesOf([[1, 2], [3]]).first.toArray(), [1, 2, 3]);
  const limited = pagesOf([[1, 2], [3, 4], [5]]);
  assert.deepEqual(await limited.first.toArray({ limit: 3 }), [1, 2, 3]);
  assert.equal(limited.fetched(), 1);
  const exact = pagesOf([[1, 2], [3]]);
  assert.deepEqual(await exact.first.toArray({ limit: 2 }), [1, 2]);
  assert.equal(exact.fetched(), 0, 'a limit reached on the first page fetches no other');
  const none = pagesOf([[1], [2]]);
  assert.deepEqual(await none.first.toArray({ limit: 0 }), []);
  assert.deepEqual(await none.first.toArray({ limit: -1 }), []);
  assert.equal(none.fetched(), 0);
  assert.deepEqual(await pagesOf([[1], [2]]).first.toArray({}), [1, 2]);
});
