/**
 * Warnings about references a new version left stale: the drafter renumbered articles and a reference kept the old
 * number, or an article was removed and is still cited. Pure, linear in the texts; see references.ts.
 */
import { normalizeForCompare } from './normalize';
import { clauseTarget, findReferences, type TargetClause } from './references';

export interface WarnClause extends TargetClause {
  text: string;
  path?: string;
}

/** A reference the new version left stale. */
export interface ReferenceWarning {
  clauseKey: string;
  path: string;
  /** The reference as written ("第二十条第二款"). */
  reference: string;
  message: string;
}

const CN_FAMILIES = new Set(['条', '章', '编']);
/** Characters each side of a reference that must read as before for it to count as left unadjusted. */
const CONTEXT = 4;
const familyOfTarget = (id: string) => id.slice(0, id.indexOf(':'));

/**
 * References in `to` that its drafter may have forgotten to adjust, compared with `from`, the version it is based
 * on: one that still names the old number of a clause this revision renumbered (the clause citing it kept the
 * reference as it was), and one that names a clause the new version does not have. Only references into this
 * document count, and only kinds of clause the new version numbers (a policy without articles cites none of its
 * own). Linear in the texts.
 */
export function staleReferences(from: readonly WarnClause[], to: readonly WarnClause[]): ReferenceWarning[] {
  const idsOf = (cs: readonly WarnClause[]) => {
    const byId = new Map<string, WarnClause | null>();
    const byKey = new Map<string, string>();
    for (const c of cs) {
      const id = clauseTarget(c.kind, c.label);
      if (id === null) continue;
      byId.set(id, byId.has(id) ? null : c);
      byKey.set(c.key, id);
    }
    return { byId, byKey };
  };
  const before = idsOf(from);
  const after = idsOf(to);
  const families = new Set([...after.byId.keys()].map(familyOfTarget));
  const oldText = new Map(from.map((c) => [c.key, c.text]));
  const newLabel = new Map(to.map((c) => [c.key, c.label]));
  const warnings: ReferenceWarning[] = [];
  const seen = new Set<string>();
  for (const c of to) {
    for (const r of findReferences(c.text)) {
      if (r.scope !== 'internal' || r.target === null || !families.has(familyOfTarget(r.target))) continue;
      const zh = CN_FAMILIES.has(familyOfTarget(r.target));
      const own = c.label && c.kind === 'article' ? c.label : c.path || c.label;
      const head = c.text.slice(r.start, r.headEnd);
      let message: string;
      if (!after.byId.has(r.target)) {
        // Only what this revision removed: a number no version had is more likely a citation the scope test missed.
        if (!before.byId.has(r.target)) continue;
        message = zh ? `${own}引用的${head}已不存在` : `${own} refers to ${head}, which no longer exists`;
      } else {
        const was = before.byId.get(r.target);
        const nowId = was ? after.byKey.get(was.key) : undefined;
        if (!was || nowId === undefined || nowId === r.target) continue;
        // The citing clause said the same before, in the same words around it: the reference did not follow its
        // clause. (Words around it that changed mean the drafter wrote this reference anew, perhaps to the new one.)
        const old = oldText.get(c.key);
        const around = c.text.slice(Math.max(0, r.start - CONTEXT), r.end + CONTEXT);
        if (old === undefined || !normalizeForCompare(old).includes(normalizeForCompare(around))) continue;
        const nowLabel = newLabel.get(was.key) ?? nowId;
        message = zh ? `${own}引用的${head}已改为${nowLabel}` : `${own} refers to ${head}, now ${nowLabel}`;
      }
      const id = `${c.key}\u0000${r.text}`;
      if (seen.has(id)) continue;
      seen.add(id);
      warnings.push({ clauseKey: c.key, path: c.path ?? c.label, reference: r.text, message });
    }
  }
  return warnings;
}
