import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Representation } from './representation';

/**
 * The bytes of what never changes (version trees and texts, diffs), each computed once per process and kept with its
 * encodings, bounded by bytes: the least recently used go first. Keys name everything the bytes depend on (version
 * ids and the document's keys generation), so an entry is never stale, only unused.
 */
export const REPRESENTATION_CACHE_LIMITS = { maxEntries: 5_000, maxBytes: 128 * 1024 * 1024 };

@Injectable()
export class RepresentationCache {
  /** `fetch` builds a miss once however many requests ask for it at the same time (lru-cache keeps the promise). */
  private readonly lru = new LRUCache<string, Representation, () => Promise<Representation>>({
    max: REPRESENTATION_CACHE_LIMITS.maxEntries,
    maxSize: REPRESENTATION_CACHE_LIMITS.maxBytes,
    sizeCalculation: (rep) => rep.size,
    fetchMethod: (_key, _stale, { context }) => context(),
  });
  /** The size each entry was stored with, to re-store it only when an encoding was added since. */
  private readonly stored = new WeakMap<Representation, number>();

  /** The representation under `key`, built by `build` on a miss. */
  async get(key: string, build: () => Promise<Representation>): Promise<Representation> {
    const rep = (await this.lru.fetch(key, { context: build }))!;
    const size = rep.size;
    // encodings made since it was stored count too; one larger than the whole budget is answered, not kept
    if (this.stored.get(rep) !== size) {
      this.stored.set(rep, size);
      if (this.lru.has(key) && size <= REPRESENTATION_CACHE_LIMITS.maxBytes) this.lru.set(key, rep);
    }
    return rep;
  }

  /** The representation under `key` if it is ready in the cache (nothing is built): for the fast path of reads. */
  peek(key: string): Representation | undefined {
    return this.lru.get(key);
  }

  get stats(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize };
  }
}
