import { parseDocument } from '../../src/engine/parse';
import { describeCorpus, readCorpus } from '../support/corpus';
import { emptyScore, foreignTexts, perturb, rng, scoreCase, summary } from './perturb';

/**
 * Issue 10 §1 on perturbed real laws with a known answer (few cases here; `npm run bench` with BENCH_ONLY=lineage
 * runs many): continuations, split/merge lineage, no false edge, no comment on an article its words did not go into.
 */
describeCorpus('alignment and comment carrying on perturbed laws', () => {
  it('meets the accuracy thresholds', () => {
    const score = emptyScore();
    for (const [file, other] of [
      ['civil-procedure-law-cn/2023.txt', 'company-law-cn/2023.txt'],
      ['counter-espionage-law-cn/2023.txt', 'legislation-law-cn/2023.txt'],
      ['legislation-law-cn/2023.txt', 'counter-espionage-law-cn/2023.txt'],
      ['versstg-de/2021-04-27.txt', 'gwb-de/2011-12-22.txt'],
      ['github-tos-en/2019-11-13.txt', 'github-privacy-en/2019-11-13.txt'],
    ]) {
      const clauses = parseDocument(readCorpus(file)).clauses;
      const foreign = foreignTexts(clauses, parseDocument(readCorpus(other)).clauses);
      for (let seed = 1; seed <= 8; seed++) scoreCase(perturb(clauses, foreign, seed * 104729 + file.length, 12), score, rng(seed), 1);
    }
    const s = summary(score);
    expect(score.falseExamples).toEqual([]);
    expect(s.splitMergeEvents).toBeGreaterThan(20);
    expect(s.continuePrecision).toBeGreaterThanOrEqual(0.999);
    expect(s.continueRecall).toBeGreaterThanOrEqual(0.999);
    expect(s.splitMergeExact).toBeGreaterThanOrEqual(0.97);
    expect(s.falseLineageEdges).toBe(0);
    expect(s.commentsOnWrongClause).toBe(0);
  });
});
