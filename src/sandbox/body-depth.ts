/**
 * The nesting bound of request bodies. Every route renders what it stores, and deep values break
 * `JSON.stringify` (a stack overflow) after the write: bodies nested deeper than this are refused
 * with 400 before any route sees them, so that a 5xx never follows a half-applied write.
 */

/** Deepest nesting a request body may have: `{}` is depth 1, `{"a": {}}` depth 2. */
export const MAX_BODY_DEPTH = 32;

/**
 * The top-level member (`metadata`, `items`) under which `value` nests deeper than `maxDepth`, `''`
 * when the body itself is the culprit without a member to name, or undefined when it is within bounds.
 * Iterative, so any depth that `JSON.parse` accepts is measured without recursion.
 */
export function memberNestedTooDeep(value: unknown, maxDepth = MAX_BODY_DEPTH): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Array<{ value: object; depth: number; member: string }> = [{ value, depth: 1, member: '' }];
  while (stack.length > 0) {
    const current = stack.pop() as { value: object; depth: number; member: string };
    if (current.depth > maxDepth) return current.member;
    const children = Array.isArray(current.value) ? current.value : Object.values(current.value);
    const keys = Array.isArray(current.value) ? undefined : Object.keys(current.value);
    children.forEach((child: unknown, i) => {
      if (typeof child !== 'object' || child === null) return;
      const member = current.depth === 1 ? (keys === undefined ? `[${i}]` : (keys[i] as string)) : current.member;
      stack.push({ value: child, depth: current.depth + 1, member });
    });
  }
  return undefined;
}
