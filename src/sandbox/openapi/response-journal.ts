import { appendFileSync, closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ResponseCheckListener, ResponseViolation } from './v2-app.js';

/**
 * The environment variable that turns response validation on for every sandbox a process starts:
 * its value is a directory where each checked 2.x answer counts one byte in `checked.count` and each
 * answer failing the description appends a JSON line to `violations.jsonl`. Sandboxes in several
 * processes may share the directory (the files are only appended to).
 */
export const VALIDATE_RESPONSES_ENV = 'INTERCOM_SANDBOX_VALIDATE_RESPONSES';
/** One JSON {@link ResponseViolation} per line. */
export const VIOLATIONS_FILE = 'violations.jsonl';
/** One byte per checked answer. */
export const CHECKED_FILE = 'checked.count';

/** The directory named by {@link VALIDATE_RESPONSES_ENV}, or undefined when it is unset or empty. */
export function journalDirectory(): string | undefined {
  const dir = process.env[VALIDATE_RESPONSES_ENV];
  return dir === undefined || dir === '' ? undefined : dir;
}

/** The count file's descriptor, opened once per process and directory. */
const countFiles = new Map<string, number>();

/** A listener writing checks and failures to the journal in `dir`. */
export function journalListener(dir: string): ResponseCheckListener {
  return {
    checked() {
      let fd = countFiles.get(dir);
      if (fd === undefined) {
        fd = openSync(path.join(dir, CHECKED_FILE), 'a');
        countFiles.set(dir, fd);
        process.once('exit', () => closeSync(fd as number));
      }
      writeSync(fd, '.');
    },
    violation(violation: ResponseViolation) {
      appendFileSync(path.join(dir, VIOLATIONS_FILE), `${JSON.stringify(violation)}\n`);
    },
  };
}
