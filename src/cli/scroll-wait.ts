/**
 * A scroll that waits its turn. Intercom keeps one scroll open per app, for a minute after its last
 * use; an export stopped midway leaves its scroll open, and an export started right after it is
 * refused with `scroll_exists`. Rather than fail, the export says so and tries again every
 * {@link SCROLL_RETRY_MS}, with a countdown on stderr, for at most {@link SCROLL_WAIT_MS}; SIGINT
 * cancels the wait.
 *
 * @module
 */
import { ScrollAlreadyExistsError } from '../index.js';
import type { Clock, Output } from './context.js';

/** Longest wait for another scroll to close: its minute of life, and some slack. */
export const SCROLL_WAIT_MS = 70_000;
/** Time between two attempts to open the scroll while another is open. */
export const SCROLL_RETRY_MS = 5_000;
const TICK_MS = 1_000;
const ERASE_LINE = '\r\x1b[2K';

/** What the wait needs from the command. */
export interface ScrollWaitContext {
  clock: Clock;
  /** Where the countdown goes; redrawn in place on a terminal, a line per attempt otherwise. */
  stderr: Output;
  /** False with `--quiet`: no countdown (a failure still shows). */
  talk: boolean;
  /** Cancels the wait (SIGINT, SIGTERM). */
  signal: AbortSignal;
}

/**
 * The records of `open()`'s scroll; when the scroll is refused with `scroll_exists` before its first
 * record, waits for the other one to close and opens it again.
 */
export async function* scrollWhenFree<T>(open: () => AsyncIterable<T>, context: ScrollWaitContext): AsyncGenerator<T> {
  const { clock, stderr, signal } = context;
  let deadline: number | undefined;
  for (;;) {
    let yielded = false;
    try {
      for await (const record of open()) {
        yielded = true;
        yield record;
      }
      return;
    } catch (error) {
      if (!(error instanceof ScrollAlreadyExistsError) || yielded) throw error;
      const now = clock.now();
      if (deadline === undefined) {
        deadline = now + SCROLL_WAIT_MS;
        say(
          context,
          'Another scroll is open for this app (an export stopped less than a minute ago?); Intercom closes it a minute ' +
            `after its last use. Waiting for it, at most ${SCROLL_WAIT_MS / 1000} s (Ctrl-C to stop).`,
        );
      }
      if (now >= deadline) {
        // A problem, said even with --quiet; Intercom's error follows.
        clear(context);
        stderr.write(
          `The other scroll was still open after ${SCROLL_WAIT_MS / 1000} s: another export may be running; try again when it ends.\n`,
        );
        throw error;
      }
      // A countdown until the next attempt (or the deadline).
      const until = Math.min(now + SCROLL_RETRY_MS, deadline);
      if (stderr.isTTY !== true)
        say(context, `  still open; trying again in ${seconds(until - now)} s (${seconds(deadline - now)} s left)`);
      for (let at = clock.now(); at < until; at = clock.now()) {
        if (stderr.isTTY === true && context.talk) {
          stderr.write(`${ERASE_LINE}waiting for the other scroll to close: ${seconds(deadline - at)} s left`);
        }
        await clock.sleep(Math.min(TICK_MS, until - at), signal);
      }
      clear(context);
    }
  }
}

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

function say(context: ScrollWaitContext, message: string): void {
  if (!context.talk) return;
  clear(context);
  context.stderr.write(`${message}\n`);
}

function clear(context: ScrollWaitContext): void {
  if (context.stderr.isTTY === true && context.talk) context.stderr.write(ERASE_LINE);
}
