import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createSink, type Format, type SinkOptions } from '../../src/cli/output.js';

/** Writes `records` through a sink and returns what it printed and the notes it made. */
async function render(format: Format, records: object[], options: SinkOptions = {}): Promise<{ text: string; notes: string[] }> {
  const out = new PassThrough();
  const notes: string[] = [];
  const sink = createSink(format, out, { ...options, note: (message) => notes.push(message) });
  for (const record of records) await sink.write(record);
  await sink.end();
  return { text: String(out.read() ?? ''), notes };
}

test('json: an array (empty too), or one object; jsonl: one line each', async () => {
  assert.equal((await render('json', [])).text, '[]\n');
  const two = await render('json', [{ a: 1 }, { a: 2, b: { c: [1] } }]);
  assert.deepEqual(JSON.parse(two.text), [{ a: 1 }, { a: 2, b: { c: [1] } }]);
  assert.deepEqual(JSON.parse((await render('json', [{ a: 1 }], { single: true })).text), { a: 1 });
  assert.equal((await render('jsonl', [{ a: 1 }, { a: 'x\ny' }])).text, '{"a":1}\n{"a":"x\\ny"}\n');
});

test('csv: dotted columns from the first 100 records; a field first seen later is left out with one note', async () => {
  const records = Array.from({ length: 150 }, (_, i) => ({
    id: String(i),
    name: i === 3 ? 'Comma, "quoted"\nand a line break' : `n${i}`,
    tags: [
      { id: '1', name: 'blue' },
      { id: '2', name: 'vip' },
    ],
    custom_attributes: i < 120 ? { plan: 'pro' } : { plan: 'pro', late: true, later: 1 },
  }));
  const { text, notes } = await render('csv', records);
  const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 150);
  assert.deepEqual(Object.keys(rows[0] ?? {}), ['id', 'name', 'tags', 'custom_attributes.plan']);
  assert.equal(rows[3]?.name, 'Comma, "quoted"\nand a line break');
  assert.equal(rows[0]?.tags, 'blue;vip');
  assert.equal(notes.length, 1);
  assert.match(notes[0] ?? '', /'custom_attributes\.late' first appears after the CSV header/);
  assert.equal((await render('csv', [])).text, '');
});

test('table: the view picks columns, custom attributes head by name, columns that do not fit are left out', async () => {
  const records = [
    { id: '1', email: 'a@example.com', name: 'A', created_at: 1714521600, custom_attributes: { plan: 'pro' } },
    { id: '2', email: 'b@example.com', name: null, created_at: 1714521601, custom_attributes: { plan: 'team' } },
  ];
  const view = { table: ['id', 'email', 'name', 'created_at', 'custom_attributes.*'] };
  const { text } = await render('table', records, { view });
  assert.deepEqual(text.split('\n'), [
    'id  email          name  created_at            plan',
    '1   a@example.com  A     2024-05-01T00:00:00Z  pro',
    '2   b@example.com        2024-05-01T00:00:01Z  team',
    '',
  ]);
  const narrow = await render('table', records, { view, width: 30 });
  assert.equal(narrow.text.split('\n')[0], 'id  email          name');
  assert.match(narrow.notes[0] ?? '', /2 column\(s\) left out to fit the terminal \(created_at, custom_attributes\.plan\)/);
});

test('table: widths come from the first 100 records; a later, wider value is shown whole', async () => {
  const records = Array.from({ length: 101 }, (_, i) => ({ id: i === 100 ? 'a-much-longer-id' : `i${i}`, name: `n${i}` }));
  const lines = (await render('table', records)).text.trimEnd().split('\n');
  assert.equal(lines[1], 'i0   n0');
  assert.equal(lines.at(-1), 'a-much-longer-id  n100');
});

test('table of one record: one field a line, empty fields left out', async () => {
  const { text } = await render(
    'table',
    [{ id: '1', phone: null, tags: [], custom_attributes: { plan: 'pro' }, body: '<p>Hi <b>there</b></p>' }],
    {
      single: true,
    },
  );
  assert.equal(text, 'id                      1\ncustom_attributes.plan  pro\nbody                    Hi there\n');
});
