/**
 * The progress line: one line on stderr, redrawn in place (`\r`, erase line) at most every
 * {@link PROGRESS_INTERVAL_MS}. Shown only when stderr is a terminal and `--quiet` is not given.
 *
 * A dozen lines of our own rather than a progress-bar library: the CLI shows a count, a rate and the
 * time elapsed (a scroll has no total to draw a bar against), and needs to clear the line before
 * data goes to the same terminal, which these lines do directly.
 *
 * @module
 */
import type { Writable } from 'node:stream';

/** Least time between two redraws. */
export const PROGRESS_INTERVAL_MS = 100;
const ERASE_LINE = '\r\x1b[2K';

/** `1,234`. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** `850 ms`, `12.3 s`, `2 min 05 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Records per second over `ms`. */
export const rate = (n: number, ms: number): string => `${count(Math.round(ms > 0 ? (n * 1000) / ms : 0))}/s`;

/** A counter with a line on stderr. */
export class Progress {
  readonly #stream: Writable;
  readonly #enabled: boolean;
  readonly #label: (n: number, elapsedMs: number) => string;
  readonly started = Date.now();
  #count = 0;
  #drawnAt = 0;
  #visible = false;

  /** `label` renders the line from the count and the time elapsed. */
  constructor(stream: Writable, enabled: boolean, label: (n: number, elapsedMs: number) => string) {
    this.#stream = stream;
    this.#enabled = enabled;
    this.#label = label;
  }

  /** The count so far. */
  get count(): number {
    return this.#count;
  }

  /** Milliseconds since the start. */
  get elapsed(): number {
    return Date.now() - this.started;
  }

  /** Adds `n` to the count and redraws when the last draw is old enough. */
  add(n: number): void {
    this.#count += n;
    if (!this.#enabled) return;
    const now = Date.now();
    if (now - this.#drawnAt < PROGRESS_INTERVAL_MS) return;
    this.#drawnAt = now;
    this.#stream.write(`${ERASE_LINE}${this.#label(this.#count, now - this.started)}`);
    this.#visible = true;
  }

  /** Erases the line (before other output goes to the terminal); {@link Progress.add} redraws it at its next turn. */
  clear(): void {
    if (!this.#visible) return;
    this.#stream.write(ERASE_LINE);
    this.#visible = false;
  }
}
