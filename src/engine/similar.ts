/**
 * Grouping near-identical comments (mass campaigns send the same text; cf. Regulations.gov): bodies are normalised
 * (full/half width, spaces, punctuation), then compared by the Dice coefficient of their character bigrams. Pairs
 * at or above the threshold are joined (union–find); groups of two or more are returned. Pure.
 */
import { normalizeForCompare } from './normalize';

export interface SimilarInput {
  id: string;
  clauseKey: string;
  body: string;
}

/** Distinct bodies compared pairwise per clause; beyond this only identical normalised bodies are grouped. */
const MAX_PAIRWISE = 1500;

export function normaliseBody(body: string): string {
  return normalizeForCompare(body)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = Array.from(s);
  if (chars.length === 1) m.set(chars[0], 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let nx = 0;
  let ny = 0;
  for (const [g, n] of x) {
    nx += n;
    common += Math.min(n, y.get(g) ?? 0);
  }
  for (const n of y.values()) ny += n;
  return nx + ny === 0 ? 0 : (2 * common) / (nx + ny);
}

/** Groups of ids (each group sorted, the first id names the group), per clause. */
export function groupSimilar(items: SimilarInput[], threshold = 0.8): { clauseKey: string; commentIds: string[] }[] {
  const out: { clauseKey: string; commentIds: string[] }[] = [];
  const byClause = new Map<string, SimilarInput[]>();
  for (const it of items) byClause.set(it.clauseKey, [...(byClause.get(it.clauseKey) ?? []), it]);
  for (const [clauseKey, list] of byClause) {
    const byBody = new Map<string, string[]>();
    for (const it of list) {
      const n = normaliseBody(it.body);
      byBody.set(n, [...(byBody.get(n) ?? []), it.id]);
    }
    const bodies = [...byBody.keys()];
    const parent = bodies.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    if (bodies.length <= MAX_PAIRWISE) {
      for (let i = 0; i < bodies.length; i++) {
        for (let j = i + 1; j < bodies.length; j++) {
          if (similarity(bodies[i], bodies[j]) >= threshold) parent[find(i)] = find(j);
        }
      }
    }
    const groups = new Map<number, string[]>();
    bodies.forEach((b, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), ...byBody.get(b)!]));
    for (const ids of groups.values()) if (ids.length > 1) out.push({ clauseKey, commentIds: ids.sort() });
  }
  return out;
}
