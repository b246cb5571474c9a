import { approxBytes, SizedLru } from '../../src/diff/diff-cache';

describe('SizedLru', () => {
  it('evicts the least recently used entry past the entry bound', () => {
    const lru = new SizedLru<number>({ maxEntries: 2, maxBytes: 1000 });
    lru.set('a', 1, 10);
    lru.set('b', 2, 10);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3, 10);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.size]).toEqual([1, 3, 2]);
  });

  it('keeps the byte total under its bound and refuses a value larger than the whole budget', () => {
    const lru = new SizedLru<string>({ maxEntries: 100, maxBytes: 100 });
    for (let i = 0; i < 10; i++) lru.set(`k${i}`, 'x', 30);
    expect(lru.bytes).toBeLessThanOrEqual(100);
    expect(lru.size).toBe(3);
    lru.set('huge', 'x', 101);
    expect(lru.get('huge')).toBeUndefined();
    lru.set('k9', 'y', 50); // replacing an entry replaces its size
    expect(lru.bytes).toBeLessThanOrEqual(100);
    expect(lru.get('k9')).toBe('y');
  });

  it('estimates sizes from string lengths', () => {
    expect(approxBytes({ a: 'x'.repeat(1000) })).toBeGreaterThan(2000);
    expect(approxBytes([1, 2, 3])).toBeLessThan(100);
  });
});
