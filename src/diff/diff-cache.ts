/**
 * A least-recently-used cache bounded by entry count and by approximate bytes, so memory stays flat however many
 * pairs are diffed. A Map keeps insertion order: a hit is re-inserted at the end, eviction takes from the front.
 */
export interface LruLimits {
  maxEntries: number;
  maxBytes: number;
}

export class SizedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(private readonly limits: LruLimits) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Stores a value of about `bytes` bytes; a value larger than the whole budget is not kept. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.limits.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    while (this.entries.size > this.limits.maxEntries || this.total > this.limits.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.total -= old.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
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
      stack.push(...v);
    } else if (v && typeof v === 'object') {
      const values = Object.values(v);
      bytes += 32 + values.length * 16;
      stack.push(...values);
    } else bytes += 8;
  }
  return bytes;
}
