import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error';

/** Deepest nesting of objects and arrays a request may send; no DTO of this API nests more than three levels. */
export const MAX_INPUT_DEPTH = 32;

/**
 * NUL (PostgreSQL text cannot hold 0x00) or a surrogate that is not half of a pair (not valid Unicode: the driver
 * would silently store U+FFFD instead). With the `u` flag a well-formed pair is one code point and does not match.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point: PostgreSQL text cannot store it
const UNSTORABLE = /[\u0000\ud800-\udfff]/u;

/** What is wrong with `s`, or null. One native linear scan, so a 2 MB draft costs a few milliseconds. */
export function unstorableText(s: string): string | null {
  const i = s.search(UNSTORABLE);
  if (i < 0) return null;
  const c = s.charCodeAt(i);
  if (c === 0) return `contains a NUL character at character ${i}`;
  return `contains a lone surrogate (U+${c.toString(16).toUpperCase()}) at character ${i}, which is not valid Unicode`;
}

const isPlainObject = (v: object) => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * The first problem in a parsed request value (JSON or form body, query, route parameter): a string or key the
 * database cannot store, or nesting deeper than `maxDepth`; null when there is none. Walks with its own stack, so
 * depth cannot overflow the call stack, and looks at every string and key once. Only plain objects and arrays are
 * entered (a Buffer is data, not structure).
 */
export interface InputProblem {
  /** Where, as `body.quote.prefix`, `query.clause`, `param.id`. */
  field: string;
  /** What, to follow the field name in a message. */
  problem: string;
}

export function findInputProblem(value: unknown, root: string, maxDepth = MAX_INPUT_DEPTH): InputProblem | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = unstorableText(v);
      if (bad) return { field: path, problem: bad };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const isArray = Array.isArray(v);
    if (!isArray && !isPlainObject(v)) continue;
    if (depth >= maxDepth) return { field: root, problem: `is nested more than ${maxDepth} levels deep` };
    if (isArray) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const bad = unstorableText(keys[i]);
      if (bad) return { field: path, problem: `has a field name that ${bad}` };
      stack.push({ v: (v as Record<string, unknown>)[keys[i]], path: `${path}.${keys[i]}`, depth: depth + 1 });
    }
  }
  return null;
}

/** Where a handler's argument came from, as named in messages: `body`, `query.clause`, `param.id`, `file`. */
function rootName(value: unknown, meta: ArgumentMetadata): string | null {
  if (meta.type === 'custom') {
    // Values of our own decorators (the current user) come from the server; an uploaded file's name is data.
    const isFile = typeof value === 'object' && value !== null && 'originalname' in value && 'buffer' in value;
    return isFile ? 'file' : null;
  }
  return meta.data ? `${meta.type}.${meta.data}` : meta.type;
}

/**
 * The first global pipe, so it runs on every argument of every route (login included) before ValidationPipe and
 * class-transformer walk it: refuses text PostgreSQL cannot store and bodies nested too deep with 400
 * validation_failed naming the field. Headers need no check: Node refuses NUL and other control characters in them.
 */
@Injectable()
export class InputHygienePipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    const root = rootName(value, meta);
    if (root === null) return value;
    const found = findInputProblem(value, root);
    if (found)
      throw new DomainError(ErrorCode.ValidationFailed, `${found.field} ${found.problem}.`, { field: found.field });
    return value;
  }
}
