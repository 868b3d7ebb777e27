import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventWriteBody, InvalidParameterError, userWriteBody } from 'intercom-ts';

test('userWriteBody answers the body users.create sends, custom_attributes included', () => {
  assert.deepEqual(userWriteBody({ user_id: '25', email: 'wash@serenity.io' }), {
    user_id: '25',
    email: 'wash@serenity.io',
    custom_attributes: {},
  });
});

test('userWriteBody names the row and the field it refuses', () => {
  assert.throws(
    () => userWriteBody({ user_id: '25', custom_attributes: 'plan' }, 'row 7'),
    (error: unknown) => error instanceof InvalidParameterError && /^row 7\.custom_attributes/.test(error.field ?? ''),
  );
});

test('eventWriteBody turns a Date into epoch seconds and refuses an event without a name', () => {
  const body = eventWriteBody({ event_name: 'ordered', user_id: '25', created_at: new Date(1_438_944_980_000) as never });
  assert.equal(body.created_at, 1_438_944_980);
  assert.throws(() => eventWriteBody({ user_id: '25' }, 'row 3'), InvalidParameterError);
});

test("without a name for the row, the refusals name 'params' and the field", () => {
  assert.throws(
    () => userWriteBody({ custom_attributes: 'plan' }),
    (error: unknown) => error instanceof InvalidParameterError && error.field === 'params.custom_attributes',
  );
  assert.throws(
    () => eventWriteBody({ event_name: 'ordered', user_id: '25', created_at: 'soon' as never }),
    (error: unknown) => error instanceof InvalidParameterError && /^params\./.test(error.field ?? ''),
  );
});
