/**
 * The nesting depth of a JSON text, measured before it is parsed: a value nested thousands of levels
 * deep parses, but every recursive walk over it (model wrapping, `JSON.stringify`, timestamp
 * normalisation) then overflows the stack with a bare `RangeError`.
 *
 * @module
 */

/**
 * The deepest nesting of arrays and objects a response body or a webhook notification may have.
 * Intercom's deepest documented entities (a conversation's parts, custom attributes inside them) stay
 * far below it.
 */
export const MAX_JSON_DEPTH = 512;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when `text` nests arrays and objects more than `limit` levels deep. Brackets inside strings
 * do not count. The text need not be valid JSON: an invalid one is left for `JSON.parse` to refuse.
 */
export function jsonDepthExceeds(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > limit) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
