import { LRUCache } from 'lru-cache';

/**
 * A least-recently-used cache bounded by entry count and by approximate bytes, so memory stays flat however many
 * pairs are diffed (or versions read). lru-cache does the bookkeeping (maxSize with a size per entry); this keeps
 * the small interface the services use, with the size given at `set`.
 */
export interface LruLimits {
  maxEntries: number;
  maxBytes: number;
}

export class SizedLru<V extends NonNullable<unknown>> {
  private readonly lru: LRUCache<string, V>;

  constructor(limits: LruLimits) {
    this.lru = new LRUCache<string, V>({ max: limits.maxEntries, maxSize: limits.maxBytes });
  }

  get(key: string): V | undefined {
    return this.lru.get(key);
  }

  /** Stores a value of about `bytes` bytes; a value larger than the whole budget is not kept. */
  set(key: string, value: V, bytes: number): void {
    if (bytes > this.lru.maxSize) {
      this.lru.delete(key);
      return;
    }
    this.lru.set(key, value, { size: Math.max(1, Math.ceil(bytes)) });
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}

/** Approximate heap size of a JSON-like value: UTF-16 strings at 2 bytes a character plus a little per node. */
export function approxBytes(value: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += 16 + v.length * 2;
    else if (Array.isArray(v)) {
      bytes += 16 + v.length * 8;
      stack.push(...(v as unknown[]));
    } else if (v && typeof v === 'object') {
      const values: unknown[] = Object.values(v);
      bytes += 32 + values.length * 16;
      stack.push(...values);
    } else bytes += 8;
  }
  return bytes;
}
