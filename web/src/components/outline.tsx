import { memo } from 'preact/compat';
import { caption } from '../clauses';
import { t } from '../i18n';
import type { ClauseNode } from '../api';

/** The clause tree as a navigable outline: headings, articles and numbered items; a button jumps to its card. */
export const Outline = memo(function Outline({
  clauses,
  counts,
  onJump,
}: {
  clauses: ClauseNode[];
  counts: Record<string, number>;
  onJump: (key: string) => void;
}) {
  return (
    <nav class="outline" aria-label={t('reader.outline')}>
      <Branch nodes={clauses} counts={counts} onJump={onJump} depth={0} />
    </nav>
  );
});

const SHOWN = new Set(['title', 'division', 'article', 'item']);

function Branch({
  nodes,
  counts,
  onJump,
  depth,
}: {
  nodes: ClauseNode[];
  counts: Record<string, number>;
  onJump: (key: string) => void;
  depth: number;
}) {
  const shown = nodes.filter((n) => SHOWN.has(n.kind));
  if (!shown.length || depth > 2) return null;
  return (
    <ul>
      {shown.map((n) => (
        <li key={n.key}>
          <button type="button" class="outline-item" onClick={() => onJump(n.key)}>
            {caption(n)}
            {counts[n.key] ? (
              <span class="count" aria-label={t('reader.comments', { n: counts[n.key] })}>
                {counts[n.key]}
              </span>
            ) : null}
          </button>
          <Branch nodes={n.children} counts={counts} onJump={onJump} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}
