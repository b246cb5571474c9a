/**
 * The text engine's data types. The engine (src/engine) is plain TypeScript: no Nest, no TypeORM, no I/O.
 * The service stores what it returns; a command-line tool can use it on two files.
 */

/** What a clause is, structurally. */
export type ClauseKind =
  /** The document's title line(s). */
  | 'title'
  /** Text before the first structural element that is not the title: enactment history, preamble, intro. */
  | 'preamble'
  /** A heading that groups what follows: 第X编/章/节, Markdown headings, "I. - Die Grundrechte", "A. Definitions". */
  | 'division'
  /** An article: 第X条 (and 第X条之一), Art 5, § 5a, Article 5. Its text holds all its paragraphs (款) and items (项). */
  | 'article'
  /** A numbered item outside an article: 一、 （一） 1． 1. （1） (a) 1.2.3 — the units of a policy document. */
  | 'item'
  /** An inline enumeration member: 一是……，二是…… inside a paragraph. */
  | 'enum'
  /** An unnumbered paragraph that belongs to no article (e.g. the text under a policy heading). */
  | 'paragraph'
  /** A footnote or editorial note. */
  | 'note';

/**
 * One clause as parsed. The document's text is exactly the concatenation of
 * `lead + label + gap + text + tail` over all clauses in document order.
 */
export interface ParsedClause {
  kind: ClauseKind;
  /** Depth in the tree; 0 = top level. */
  level: number;
  /** Index (in the same array) of the parent clause, or null at top level. */
  parent: number | null;
  /** The label exactly as in the source ("第十三条", "（二）", "Art 5", "§ 5a"); "" when unnumbered. */
  label: string;
  /** The label normalised for comparison (full-width → half-width, no spaces), "" when unnumbered. */
  number: string;
  /** Exactly what stands between the label and the text (" ", "、", "\u3000", ""). */
  gap: string;
  /** The body exactly as in the source; multi-line for an article with several paragraphs or items. */
  text: string;
  /** Exactly what stands before the label (e.g. "## " of a Markdown heading, leading blank lines). */
  lead: string;
  /** Exactly what follows the text up to the next clause ("\n\n", "\n", ""). */
  tail: string;
}

export interface ParsedDocument {
  clauses: ParsedClause[];
}

export type SourceFormat = 'text' | 'markdown';

/** A clause as the aligner sees it. */
export interface AlignClause {
  kind: ClauseKind;
  level: number;
  label: string;
  text: string;
}

/**
 * One edge of lineage between a clause of the old version and one of the new.
 * - continue: the new clause is the same clause (it inherits the old clause's key). Each old clause and each new
 *   clause has at most one continue edge.
 * - split: the old clause's text went (partly) into this new clause, which is not its continuation.
 * - merge: this old clause's text went into the new clause, which continues another old clause.
 */
export interface LineageEdge {
  oldIndex: number;
  newIndex: number;
  kind: 'continue' | 'split' | 'merge';
  /** Similarity in [0, 1]; 1 for identical normalised text. */
  score: number;
}

export interface AlignResult {
  edges: LineageEdge[];
}
