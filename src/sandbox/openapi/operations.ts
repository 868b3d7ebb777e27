import type { DescribedOperation, SandboxDescription } from './description-types.js';
import { parseDescription } from './generated/description.js';

/** An operation of the description matched by a request, with its path parameters (percent-decoded). */
export interface OperationMatch {
  operation: DescribedOperation;
  params: Record<string, string>;
}

interface CompiledOperation {
  operation: DescribedOperation;
  pattern: RegExp;
  names: string[];
}

let described: SandboxDescription | undefined;
/** The compiled operations of each method, static segments first. */
let compiled: Map<string, CompiledOperation[]> | undefined;

/** The 2.16 description, parsed on first use. */
export function description(): SandboxDescription {
  described ??= parseDescription();
  return described;
}

function compiledOperations(): Map<string, CompiledOperation[]> {
  if (compiled !== undefined) return compiled;
  const all = description().operations.map((operation) => {
    const names: string[] = [];
    const source = operation.path
      .split('/')
      .map((segment) => {
        const m = /^\{(.+)\}$/.exec(segment);
        if (m === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1] as string);
        return '([^/]+)';
      })
      .join('/');
    return { operation, pattern: new RegExp(`^${source}/?$`), names };
  });
  // Static segments first: `/contacts/search` must win over `/contacts/{id}`.
  all.sort((a, b) => a.names.length - b.names.length);
  compiled = new Map();
  for (const entry of all) {
    const list = compiled.get(entry.operation.method) ?? [];
    list.push(entry);
    compiled.set(entry.operation.method, list);
  }
  return compiled;
}

/** The operation of the description for `method` and `path`, or undefined when Intercom has none. */
export function matchOperation(method: string, path: string): OperationMatch | undefined {
  for (const { operation, pattern, names } of compiledOperations().get(method) ?? []) {
    const m = pattern.exec(path);
    if (m === null) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1] as string);
    });
    return { operation, params };
  }
  return undefined;
}
