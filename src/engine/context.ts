/**
 * Where a clause stands, for readers of a diff or a report: policy items are numbered afresh under each heading
 * ("（二）" occurs under every measure), so a label alone does not say which clause is meant. The context is the chain
 * of ancestors, each as its label and the start of its heading: "六、强化产业空间保障 › （二）".
 */
export interface ContextClause {
  kind: string;
  label: string;
  text: string;
  parent: number | null;
}

const HEAD_CHARS = 16;

function headOf(c: ContextClause): string {
  const firstLine = c.text.split('\n', 1)[0].trim();
  // A heading ends at its first full stop; keep it short either way.
  const head = firstLine.split(/[。．.；;：:]/u, 1)[0];
  const short = head.length > HEAD_CHARS ? `${head.slice(0, HEAD_CHARS)}…` : head;
  return `${c.label}${short}`.trim();
}

/** For every clause, its ancestors' labels and headings joined by " › ", or "" at top level. */
export function clauseContexts(clauses: readonly ContextClause[]): string[] {
  return clauses.map((c) => {
    const chain: string[] = [];
    for (
      let p = c.parent, guard = 0;
      p !== null && p !== undefined && clauses[p] && guard < 32;
      p = clauses[p].parent, guard++
    ) {
      chain.unshift(headOf(clauses[p]));
    }
    return chain.filter(Boolean).join(' › ');
  });
}

/**
 * Every clause's full name, the one every screen, report and export uses: its ancestors' headings and its own name,
 * "三、实施专精特新企业培育工程 › （二）". Its own name is its label; a heading (title, division, a top-level policy
 * item such as "三、") or an unnumbered clause is named by its label and the start of its text.
 */
export function clausePaths(clauses: readonly ContextClause[]): string[] {
  const contexts = clauseContexts(clauses);
  return clauses.map((c, i) => {
    const heading = c.kind === 'division' || c.kind === 'title' || (c.kind === 'item' && c.parent === null);
    const own = c.label && !heading ? c.label : headOf(c);
    return [contexts[i], own].filter(Boolean).join(' › ');
  });
}
