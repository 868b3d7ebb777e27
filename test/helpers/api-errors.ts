import assert from 'node:assert/strict';
import { IntercomError } from 'intercom-ts';

/** What an API error must carry. */
export interface ExpectedApiError {
  status: number;
  code: string;
  /** The parameter Intercom names, when it names one. */
  field?: string;
}

/** Asserts that `promise` rejects with an {@link IntercomError} of this status, code and field. */
export async function rejectsWithApiError(promise: Promise<unknown>, expected: ExpectedApiError): Promise<IntercomError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof IntercomError, `expected an IntercomError, got ${String(caught)}`);
  assert.deepEqual(
    { status: caught.httpCode, code: caught.applicationErrorCode, field: caught.field },
    { status: expected.status, code: expected.code, field: expected.field },
    caught.message,
  );
  return caught;
}
