import { alignClauses } from '../../src/engine/align';
import { parseDocument } from '../../src/engine/parse';
import { describeCorpus, readCorpus } from '../support/corpus';

/**
 * Issue 10 §1 on real revisions: splits and merges that really happened are found, the ones that did not are not.
 * Each expected edge names a sentence that stands in the old article and, reworded at most at its edges, in the new
 * one — the reason to believe it.
 */
describeCorpus('split and merge lineage on the real GWB (2012 → 2021)', () => {
  const before = parseDocument(readCorpus('gwb-de/2012-12-05.txt')).clauses;
  const after = parseDocument(readCorpus('gwb-de/2021-07-27.txt')).clauses;
  const edges = alignClauses(before, after).edges;
  const edge = (from: string, to: string) =>
    edges.find((e) => before[e.oldIndex].label === from && after[e.newIndex].label === to && e.kind !== 'continue');
  const article = (clauses: typeof before, label: string) => clauses.find((c) => c.label === label && c.kind === 'article')!;

  it.each([
    ['§ 19', '§ 18', 'split', 'Ein Unternehmen ist marktbeherrschend, soweit es als Anbieter oder Nachfrager'],
    ['§ 33', '§ 33a', 'split', 'ist zum Ersatz des daraus entstehenden Schadens verpflichtet'],
    ['§ 33', '§ 33b', 'split', 'an die Feststellung des Verstoßes gebunden'],
    ['§ 59', '§ 59b', 'split', 'auf Anordnung des Amtsrichters'],
    ['§ 81', '§ 81d', 'split', 'sowohl die Schwere der Zuwiderhandlung als auch deren Dauer zu berücksichtigen'],
    ['§ 81', '§ 81f', 'split', 'Im Bußgeldbescheid festgesetzte Geldbußen'],
    ['§ 81', '§ 81g', 'split', 'Die Verjährung der Verfolgung von Ordnungswidrigkeiten'],
    ['§ 77', '§ 63', 'merge', 'sind außer natürlichen und juristischen Personen auch nichtrechtsfähige Personenvereinigungen'],
  ])('%s → %s is a %s (both hold "%s")', (from, to, kind, sentence) => {
    expect(article(before, from).text).toContain(sentence);
    expect(article(after, to).text).toContain(sentence);
    expect(edge(from, to)).toMatchObject({ kind });
  });

  it.each([
    // New in 2021 (leniency programme, default liability): not from the old § 81.
    ['§ 81', '§ 81e'],
    ['§ 81', '§ 81h'],
    ['§ 81', '§ 81i'],
    ['§ 81', '§ 81k'],
    ['§ 81', '§ 80'],
    // The 2016 procurement reform wrote these anew; the old aligner tied them to § 100b by shared vocabulary.
    ['§ 100b', '§ 120'],
    ['§ 100b', '§ 122'],
    ['§ 100b', '§ 127'],
  ])('no edge %s → %s', (from, to) => {
    expect(edge(from, to)).toBeUndefined();
  });
});
