import type { ClauseNode } from './api';

export interface FlatClause {
  node: ClauseNode;
  depth: number;
  index: number;
}

/** The clause tree in document order, for lists that render in chunks. */
export function flatten(nodes: ClauseNode[]): FlatClause[] {
  const out: FlatClause[] = [];
  const walk = (list: ClauseNode[], depth: number) => {
    for (const node of list) {
      out.push({ node, depth, index: out.length });
      walk(node.children, depth + 1);
    }
  };
  walk(nodes, 0);
  return out;
}

/** The first line of a clause, short enough for an outline entry. */
export function caption(n: ClauseNode, max = 24): string {
  const body = (n.heading || n.text).split('\n')[0].trim();
  const head = body.length > max ? body.slice(0, max) + '…' : body;
  return [n.label, head].filter(Boolean).join(' ');
}

/**
 * A clause named unambiguously, with the start of its text: "三、实施专精特新企业培育工程 › （二） 发展跨境电子商务…".
 * The full name (path) comes from the server; the text is added where the name ends with a bare number.
 */
export function titled(n: ClauseNode, max = 24): string {
  if (!n.path) return caption(n, max);
  const body = (n.heading || n.text).split('\n')[0].trim();
  const head = body.length > max ? body.slice(0, max) + '…' : body;
  return n.label && n.path.endsWith(n.label) ? `${n.path} ${head}` : n.path;
}

export const domId = (key: string) => `c-${key}`;

/** A quote selector (exact text with up to 32 characters of context each side) for offsets in a clause's text. */
export function quoteAt(text: string, start: number, end: number) {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
  };
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The order in which change counts are shown, the same everywhere (upload notice, compare summary). */
export const CHANGE_ORDER = [
  'added',
  'deleted',
  'modified',
  'moved',
  'renumbered',
  'references',
  'split',
  'merged',
  'unchanged',
] as const;

/**
 * A clause's text cut into sentences (after 。；！？ and at line breaks), as offsets into the text, so a passage can be
 * chosen without a mouse and quoted exactly as a selection would be. Whitespace around a sentence is left out.
 */
export function sentences(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /[^。；！？\n]*(?:[。；！？]+[”’」』）)]*|\n|$)/g;
  for (let m = re.exec(text); m && m.index < text.length; m = re.exec(text)) {
    const raw = m[0];
    if (!raw) {
      re.lastIndex++;
      continue;
    }
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ start: m.index + lead, end: m.index + lead + body.length, text: body });
  }
  return out;
}
