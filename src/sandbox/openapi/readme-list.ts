/** The README's list of the 2.x operations answered from the description, not stateful. */

export const ANSWERED_START = '<!-- sandbox-v2-answered:start (scripts/readme-sandbox-v2.mjs) -->';
export const ANSWERED_END = '<!-- sandbox-v2-answered:end -->';

/** The list's Markdown: one line per operation, `METHOD /path` as the description writes it. */
export function answeredList(operations: readonly string[]): string {
  return operations.map((operation) => `- \`${operation}\``).join('\n');
}

/** `readme` with the text between the list's markers replaced by `list`. */
export function replaceAnsweredList(readme: string, list: string): string {
  const start = readme.indexOf(ANSWERED_START);
  const end = readme.indexOf(ANSWERED_END);
  if (start < 0 || end < start) throw new Error('README.md lacks the markers of the answered operations');
  return `${readme.slice(0, start + ANSWERED_START.length)}\n${list}\n${readme.slice(end)}`;
}
