import { parseDocument } from '../src/engine/parse';
import { emptyScore, foreignTexts, perturb, rng, scoreCase, summary } from '../test/engine/perturb';
import { corpusFile } from './harness';

/**
 * Issue 10 §1: accuracy of lineage and comment carrying on perturbed real laws (test/engine/perturb.ts), on more
 * cases than the spec runs. BENCH_LINEAGE_CASES sets the number of cases per law (default 150), BENCH_LINEAGE_FROM the first seed (default 1): eleven Chinese laws, three German, two English.
 */
export const LINEAGE_LAWS: Array<[string, string]> = [
  ['civil-procedure-law-cn/2023.txt', 'company-law-cn/2023.txt'],
  ['civil-procedure-law-cn/2021.txt', 'supervision-law-cn/2024.txt'],
  ['criminal-law-cn/2023-amend12.txt', 'charity-law-cn/2023.txt'],
  ['company-law-cn/2023.txt', 'civil-procedure-law-cn/2023.txt'],
  ['company-law-cn/2018.txt', 'accounting-law-cn/2024.txt'],
  ['counter-espionage-law-cn/2023.txt', 'legislation-law-cn/2023.txt'],
  ['legislation-law-cn/2023.txt', 'counter-espionage-law-cn/2023.txt'],
  ['charity-law-cn/2023.txt', 'criminal-law-cn/2023-amend12.txt'],
  ['accounting-law-cn/2024.txt', 'admin-reconsideration-law-cn/2023.txt'],
  ['admin-reconsideration-law-cn/2023.txt', 'supervision-law-cn/2024.txt'],
  ['supervision-law-cn/2024.txt', 'accounting-law-cn/2017.txt'],
  ['gwb-de/2021-07-27.txt', 'grundgesetz-de/2020-09-29.txt'],
  ['grundgesetz-de/2020-09-29.txt', 'gwb-de/2021-07-27.txt'],
  ['versstg-de/2021-04-27.txt', 'gwb-de/2011-12-22.txt'],
  ['github-tos-en/2019-11-13.txt', 'github-privacy-en/2019-11-13.txt'],
  ['github-privacy-en/2019-11-13.txt', 'github-tos-en/2017-06-09-draft.txt'],
];

// eslint-disable-next-line @typescript-eslint/require-await -- bench/run.ts awaits every bench's entry point alike
export async function runLineageBench(): Promise<Record<string, unknown>> {
  const perLaw = Number(process.env.BENCH_LINEAGE_CASES ?? 150);
  const first = Number(process.env.BENCH_LINEAGE_FROM ?? 1);
  const score = emptyScore();
  const started = Date.now();
  for (const [file, other] of LINEAGE_LAWS) {
    const text = corpusFile(file);
    const foreignText = corpusFile(other);
    if (!text || !foreignText) return { skipped: 'shared/corpus is absent' };
    const clauses = parseDocument(text).clauses;
    const foreign = foreignTexts(clauses, parseDocument(foreignText).clauses);
    for (let seed = first; seed < first + perLaw; seed++) {
      const c = perturb(clauses, foreign, seed * 7919 + file.length, 12);
      scoreCase(c, score, rng(seed), 2);
    }
  }
  return {
    ...summary(score),
    falseExamples: score.falseExamples,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

if (require.main === module) {
  runLineageBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => (console.error(e), process.exit(1)),
  );
}
