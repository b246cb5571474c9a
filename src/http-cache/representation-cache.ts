import { Injectable } from '@nestjs/common';
import { SizedLru } from '../diff/diff-cache';
import type { Representation } from './representation';

/**
 * The bytes of what never changes (version trees and texts, diffs), each computed once per process and kept with its
 * encodings, bounded by bytes: the least recently used go first. Keys name everything the bytes depend on (version
 * ids and the document's keys generation), so an entry is never stale, only unused.
 */
export const REPRESENTATION_CACHE_LIMITS = { maxEntries: 5_000, maxBytes: 128 * 1024 * 1024 };

@Injectable()
export class RepresentationCache {
  private readonly lru = new SizedLru<Representation>(REPRESENTATION_CACHE_LIMITS);
  private readonly pending = new Map<string, Promise<Representation>>();
  /** The size each entry was stored with, to re-store it only when an encoding was added since. */
  private readonly stored = new WeakMap<Representation, number>();

  /** The representation under `key`, built by `build` on a miss; concurrent misses build it once. */
  async get(key: string, build: () => Promise<Representation>): Promise<Representation> {
    const hit = this.lru.get(key);
    if (hit) return this.track(key, hit);
    let running = this.pending.get(key);
    if (!running) {
      running = build().finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    const rep = await running;
    return this.track(key, rep);
  }

  /** (Re)stores the entry with its current size: encodings made since it was stored count too. */
  private track(key: string, rep: Representation): Representation {
    const size = rep.size;
    if (this.stored.get(rep) !== size) {
      this.lru.set(key, rep, size);
      this.stored.set(rep, size);
    }
    return rep;
  }

  get stats(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.bytes };
  }
}
