/**
 * Scoring a place in a text as the home of a quote, as Hypothesis does:
 * (50·quote + 20·prefix + 20·suffix + 2·position) / 92, each part 1 − errors/length.
 */
import { findMatchStarts, levenshtein, type ApproxMatch, type MatchEnds } from './fuzzy-match';

export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Characters of context kept on each side of a quote (as Hypothesis does). */
export const CONTEXT_LENGTH = 32;
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

export interface ScoredMatch extends ApproxMatch {
  /** The whole score in [0, 1]. */
  score: number;
  /** The quote part alone, in [0, 1]. */
  quoteScore: number;
  /** The score this match would have if its context matched perfectly. */
  fullContextScore: number;
}

export function scoreMatch(text: string, quote: QuoteSelector, match: ApproxMatch, hint: number): ScoredMatch {
  // Errors over the longer of quote and match: words inserted into a quote dilute it, up to replacing it.
  const quoteScore = 1 - match.errors / Math.max(1, quote.exact.length, match.end - match.start);
  const position = 1 - Math.min(1, Math.abs(match.start - hint) / Math.max(1, text.length));
  const { prefix, suffix } = quote;
  const before = text.slice(Math.max(0, match.start - Math.max(prefix?.length ?? 0, CONTEXT_LENGTH)), match.start);
  const after = text.slice(match.end, match.end + Math.max(suffix?.length ?? 0, CONTEXT_LENGTH));
  const context =
    WEIGHTS.prefix * contextSimilarity(prefix, before, 'before') +
    WEIGHTS.suffix * contextSimilarity(suffix, after, 'after');
  const rest = WEIGHTS.quote * quoteScore + WEIGHTS.position * position;
  return {
    ...match,
    score: (rest + context) / WEIGHT_SUM,
    quoteScore,
    fullContextScore: (rest + WEIGHTS.prefix + WEIGHTS.suffix) / WEIGHT_SUM,
  };
}

/** The best score a match with this many errors can reach (perfect context and position). */
export function scoreBound(quote: QuoteSelector, errors: number): number {
  return (WEIGHT_SUM - (WEIGHTS.quote * errors) / Math.max(1, quote.exact.length)) / WEIGHT_SUM;
}

/** The most errors a match can have and still reach `threshold`, and never more than half the quote. */
export function maxErrorsFor(quote: QuoteSelector, threshold: number): number {
  const m = quote.exact.length;
  const minQuoteScore = (threshold * WEIGHT_SUM - WEIGHTS.prefix - WEIGHTS.suffix - WEIGHTS.position) / WEIGHTS.quote;
  return Math.max(0, Math.min(m - 1, Math.floor(m * (1 - Math.max(0.5, minQuoteScore)))));
}

/**
 * 1 − errors/length between a stored context and the text next to a match; 1 for a context not given. A stored
 * context shorter than CONTEXT_LENGTH was cut by the clause's edge, so it is compared with the whole window: the
 * quote should still stand that close to the edge.
 */
function contextSimilarity(want: string | undefined, got: string, side: 'before' | 'after'): number {
  if (typeof want !== 'string') return 1;
  if (want.length < CONTEXT_LENGTH) return 1 - levenshtein(want, got) / Math.max(1, want.length, got.length);
  const window = side === 'before' ? got.slice(-want.length) : got.slice(0, want.length);
  return 1 - levenshtein(want, window) / want.length;
}

/**
 * The best-scoring match among `groups` (from `findMatchEnds`, fewest errors first) that reaches `floor` and is
 * not skipped, or null. Groups that cannot beat the floor or the best so far are not scored at all.
 */
export function bestMatch(
  text: string,
  quote: QuoteSelector,
  groups: MatchEnds[],
  search: { maxErrors: number; hint: number; floor: number; skip?: (m: ApproxMatch) => boolean },
): ScoredMatch | null {
  let best: ScoredMatch | null = null;
  for (const group of groups) {
    if (scoreBound(quote, group.errors) < Math.max(search.floor, best?.score ?? 0)) break;
    for (const end of group.ends) {
      const { starts, errors } = findMatchStarts(text, quote.exact, end, search.maxErrors);
      for (const start of starts) {
        const match = { start, end, errors };
        if (search.skip?.(match)) continue;
        const candidate = scoreMatch(text, quote, match, search.hint);
        // Ties go to the wider range: it covers replaced words rather than leaving them out.
        const wider = best && candidate.score === best.score && end - start > best.end - best.start;
        if (!best || candidate.score > best.score || wider) best = candidate;
      }
    }
  }
  return best && best.score >= search.floor ? best : null;
}

/** The old range's image in the new text, scored like a search match; null when empty or far longer. */
export function scoreImage(
  text: string,
  quote: QuoteSelector,
  image: { start: number; end: number },
  hint: number,
): ScoredMatch | null {
  const length = image.end - image.start;
  if (length <= 0 || length > 4 * quote.exact.length + 64) return null;
  const match = { ...image, errors: levenshtein(quote.exact, text.slice(image.start, image.end)) };
  return scoreMatch(text, quote, match, hint);
}
