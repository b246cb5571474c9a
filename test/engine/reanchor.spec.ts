import fc from 'fast-check';
import { approxSearch, levenshtein } from '../../src/engine/fuzzy-match';
import {
  type Anchor,
  locateQuote,
  makeQuote,
  nextAnchor,
  orphaned,
  reanchor,
  reanchorAcross,
} from '../../src/engine/reanchor';

/** An anchor on the first (or n-th) occurrence of `phrase` in `text`, as a client would store it. */
function anchorOn(text: string, phrase: string, occurrence = 0): Anchor {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`fixture: ${phrase} not in text`);
  return { start: at, end: at + phrase.length, quote: makeQuote(text, at, at + phrase.length) };
}

const OLD =
  '对犯行贿罪的，处五年以下有期徒刑或者拘役，并处罚金；因行贿谋取不正当利益，情节严重的，或者使国家利益遭受重大损失的，' +
  '处五年以上十年以下有期徒刑，并处罚金；情节特别严重的，或者使国家利益遭受特别重大损失的，处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产。';

describe('makeQuote', () => {
  it('keeps the exact words and up to 32 characters of context on each side', () => {
    const q = makeQuote(OLD, 40, 50);
    expect(q.exact).toBe(OLD.slice(40, 50));
    expect(q.prefix).toBe(OLD.slice(8, 40));
    expect(q.suffix).toBe(OLD.slice(50, 82));
    expect(makeQuote('甲乙丙', 0, 1)).toEqual({ exact: '甲', prefix: '', suffix: '乙丙' });
  });
  it('clamps offsets outside the text', () => {
    expect(makeQuote('甲乙丙', -3, 99)).toEqual({ exact: '甲乙丙', prefix: '', suffix: '' });
    expect(makeQuote('甲乙丙', 2, 1).exact).toBe('');
  });
});

describe('locateQuote', () => {
  it('finds a unique quote', () => {
    expect(locateQuote(OLD, { exact: '没收财产' })).toEqual({
      start: OLD.indexOf('没收财产'),
      end: OLD.indexOf('没收财产') + 4,
    });
  });
  it('tells repeated words apart by their prefix and suffix', () => {
    const second = anchorOn(OLD, '并处罚金', 1);
    expect(locateQuote(OLD, second.quote!)).toEqual({ start: second.start, end: second.end });
    const third = anchorOn(OLD, '并处罚金', 2);
    expect(locateQuote(OLD, { exact: '并处罚金', suffix: '或者没收财产。' })?.start).toBe(third.start);
  });
  it('uses the hint when the context does not decide', () => {
    const text = '甲乙，甲乙，甲乙';
    expect(locateQuote(text, { exact: '甲乙' }, 3)?.start).toBe(3);
  });
  it('returns null for a missing or empty quote', () => {
    expect(locateQuote(OLD, { exact: '拘役六个月' })).toBeNull();
    expect(locateQuote(OLD, { exact: '' })).toBeNull();
  });
});

describe('reanchor: Chinese clauses', () => {
  it('keeps offsets on an unchanged clause (exact)', () => {
    const a = anchorOn(OLD, '情节特别严重的');
    expect(reanchor(a, OLD, OLD)).toEqual({ status: 'exact', start: a.start, end: a.end });
  });

  it('shifts offsets past an insertion before the quote', () => {
    const a = anchorOn(OLD, '情节特别严重的');
    const neu = OLD.replace('因行贿谋取不正当利益', '因行贿谋取不正当利益或者违背职责');
    const r = reanchor(a, OLD, neu);
    expect(r).toEqual({ status: 'shifted', start: a.start + 6, end: a.end + 6 });
    expect(neu.slice(r.start, r.end)).toBe('情节特别严重的');
  });

  it('shifts offsets through a replacement before the quote and keeps them after an edit behind it', () => {
    const a = anchorOn(OLD, '没收财产');
    const neu = OLD.replace('处五年以下有期徒刑', '处三年以下有期徒刑');
    expect(reanchor(a, OLD, neu)).toEqual({ status: 'shifted', start: a.start, end: a.end });
    const b = anchorOn(OLD, '对犯行贿罪的');
    expect(reanchor(b, OLD, OLD + '行贿数额特别巨大的，从重处罚。')).toEqual({ status: 'shifted', start: 0, end: 6 });
  });

  it('finds a quote with an insertion inside it (fuzzy, with a score)', () => {
    const a = anchorOn(OLD, '使国家利益遭受重大损失的');
    const neu = OLD.replace('使国家利益遭受重大损失的', '使国家利益或者社会公共利益遭受重大损失的');
    const r = reanchor(a, OLD, neu);
    expect(r.status).toBe('fuzzy');
    expect(neu.slice(r.start, r.end)).toBe('使国家利益或者社会公共利益遭受重大损失的');
    expect(r.score).toBeGreaterThan(0.75);
    expect(r.score).toBeLessThan(1);
  });

  it('covers a replaced number in the quote (the amendment changed 五 to 三)', () => {
    const a = anchorOn(OLD, '处五年以下有期徒刑或者拘役');
    const neu = OLD.replace('处五年以下有期徒刑', '处三年以下有期徒刑');
    const r = reanchor(a, OLD, neu);
    expect(r.status).toBe('fuzzy');
    expect(neu.slice(r.start, r.end)).toBe('处三年以下有期徒刑或者拘役');
    expect(r.score).toBeGreaterThan(0.9);
  });

  it('falls back to the clause when the quoted words were deleted', () => {
    const a = anchorOn(OLD, '处五年以上十年以下有期徒刑');
    const neu = OLD.replace('处五年以上十年以下有期徒刑，并处罚金；', '');
    expect(reanchor(a, OLD, neu)).toEqual({ status: 'clause', start: 0, end: 0 });
  });

  it('does not latch onto a look-alike phrase elsewhere when the quoted one is deleted', () => {
    // The second 并处罚金 is deleted with its sentence; the first and third still stand, in other sentences.
    const a = anchorOn(OLD, '并处罚金', 1);
    const neu = OLD.replace('处五年以上十年以下有期徒刑，并处罚金；', '');
    expect(reanchor(a, OLD, neu).status).toBe('clause');
    // Same with a longer phrase that has a near twin: 遭受重大损失的 vs 遭受特别重大损失的.
    const b = anchorOn(OLD, '或者使国家利益遭受重大损失的');
    const neu2 = OLD.replace('，或者使国家利益遭受重大损失的', '');
    expect(reanchor(b, OLD, neu2).status).toBe('clause');
  });

  it('falls back to the clause when half of a short quote was replaced', () => {
    const a = anchorOn(OLD, '五年', 0);
    const r = reanchor(a, OLD, OLD.replace('处五年以下', '处三年以下'));
    expect(r.status).toBe('clause');
  });

  it('follows the quoted words when they moved within the clause', () => {
    const old = '国家建立健全公共文化服务体系，加强图书馆、博物馆、文化馆建设，鼓励社会力量参与。';
    const neu = '国家鼓励社会力量参与，建立健全公共文化服务体系，加强图书馆、博物馆、文化馆建设。';
    const a = anchorOn(old, '鼓励社会力量参与');
    const r = reanchor(a, old, neu);
    expect(['shifted', 'fuzzy']).toContain(r.status);
    expect(neu.slice(r.start, r.end)).toBe('鼓励社会力量参与');
  });

  it('does not follow a stock phrase into a new sentence when its own sentence was deleted', () => {
    const old = '违反本条例规定的，由主管部门责令改正，并处罚金。情节轻微的，可以免予处罚。';
    const neu = '情节轻微的，可以免予处罚。拒不改正的，依法追究责任，并处罚金。';
    expect(reanchor(anchorOn(old, '并处罚金'), old, neu).status).toBe('clause');
  });

  it('keeps a repeated phrase on the occurrence it was written on', () => {
    const a = anchorOn(OLD, '并处罚金', 1);
    const neu = OLD.replace('处五年以上十年以下有期徒刑', '处三年以上十年以下有期徒刑');
    const r = reanchor(a, OLD, neu);
    expect(r.status).toBe('shifted');
    expect(r.start).toBe(a.start);
    // Edited inside the phrase: the context still picks the second occurrence.
    const neu2 = OLD.replace('有期徒刑，并处罚金；情节特别', '有期徒刑，并处以罚金；情节特别');
    const r2 = reanchor(a, OLD, neu2);
    expect(r2.status).toBe('fuzzy');
    expect(neu2.slice(r2.start, r2.end)).toBe('并处以罚金');
  });

  it('relocates a quote whose stored offsets do not fit the old text', () => {
    const a = { ...anchorOn(OLD, '情节特别严重的'), start: 3, end: 10 };
    const r = reanchor(a, OLD, OLD);
    expect(r.status).toBe('exact');
    expect(OLD.slice(r.start, r.end)).toBe('情节特别严重的');
  });

  it('carries a clause-level comment as exact at 0..0', () => {
    expect(reanchor({ start: 0, end: 0 }, OLD, OLD)).toEqual({ status: 'exact', start: 0, end: 0 });
    expect(reanchor({ start: 0, end: 0 }, OLD, '全新的条文。')).toEqual({ status: 'exact', start: 0, end: 0 });
  });

  it('derives the quote from the old text when only offsets were stored', () => {
    const r = reanchor({ start: 7, end: 16 }, OLD, '第一款 ' + OLD);
    expect(r).toEqual({ status: 'shifted', start: 11, end: 20 });
    expect(reanchor({ start: 500, end: 510 }, OLD, OLD)).toEqual({ status: 'clause', start: 0, end: 0 });
  });

  it('honours a stricter threshold', () => {
    const a = anchorOn(OLD, '使国家利益遭受重大损失的');
    const neu = OLD.replace('使国家利益遭受重大损失的', '使国家利益或者社会公共利益遭受重大损失的');
    expect(reanchor(a, OLD, neu, { threshold: 0.99 }).status).toBe('clause');
  });
});

describe('reanchor: Latin text', () => {
  const old = 'You may not use the Service for any illegal purpose, and you must comply with all applicable laws.';
  it('shifts past an inserted sentence', () => {
    const a = anchorOn(old, 'illegal purpose');
    const neu = 'Please read carefully. ' + old;
    const r = reanchor(a, old, neu);
    expect(r.status).toBe('shifted');
    expect(neu.slice(r.start, r.end)).toBe('illegal purpose');
  });
  it('covers whole words of an edited phrase', () => {
    const a = anchorOn(old, 'comply with all applicable laws');
    const neu = old.replace('comply with all applicable laws', 'comply with all applicable local laws');
    const r = reanchor(a, old, neu);
    expect(r.status).toBe('fuzzy');
    expect(neu.slice(r.start, r.end)).toBe('comply with all applicable local laws');
    const b = anchorOn(old, 'illegal purpose');
    const neu2 = old.replace('illegal purpose', 'illegitimate purposes');
    const r2 = reanchor(b, old, neu2, { threshold: 0.6 });
    expect(neu2.slice(r2.start, r2.end)).toBe('illegitimate purposes');
  });
});

describe('reanchorAcross (split clauses)', () => {
  const old = '起草组负责文件起草工作。起草组应当征求各部门意见，并向党代表公开征求意见稿。';
  const parts = [
    { key: 'k1', text: '起草组负责文件起草工作。', primary: true },
    { key: 'k2', text: '起草组应当征求各部门意见，并向党代表公开征求意见稿。', primary: false },
  ];
  it('follows the quote into the clause that holds it', () => {
    const r = reanchorAcross(anchorOn(old, '向党代表公开'), old, parts);
    expect(r.key).toBe('k2');
    expect(r.status).toBe('shifted');
    expect(parts[1].text.slice(r.start, r.end)).toBe('向党代表公开');
  });
  it('keeps the quote in the continuing clause when it is there', () => {
    const r = reanchorAcross(anchorOn(old, '文件起草'), old, parts);
    expect(r).toMatchObject({ key: 'k1', status: 'shifted', start: 5, end: 9 });
  });
  it('falls back to the continuing clause at clause level', () => {
    const gone = [parts[0], { ...parts[1], text: '各部门意见由办公室汇总。' }];
    expect(reanchorAcross(anchorOn(old, '向党代表公开征求意见稿'), old, gone)).toEqual({
      key: 'k1',
      status: 'clause',
      start: 0,
      end: 0,
    });
    expect(reanchorAcross({ start: 0, end: 0 }, old, parts)).toMatchObject({ key: 'k1', status: 'exact' });
  });
  it('orphans when there is no candidate at all', () => {
    expect(reanchorAcross(anchorOn(old, '起草组'), old, [])).toMatchObject({ status: 'orphaned' });
    expect(orphaned()).toEqual({ status: 'orphaned', start: 0, end: 0 });
  });
});

describe('nextAnchor', () => {
  it('rebuilds the quote from the new text and keeps a degraded comment at clause level', () => {
    const a = anchorOn(OLD, '使国家利益遭受重大损失的');
    const neu = OLD.replace('使国家利益遭受重大损失的', '使国家利益或者社会公共利益遭受重大损失的');
    const next = nextAnchor(reanchor(a, OLD, neu), neu);
    expect(next.quote?.exact).toBe('使国家利益或者社会公共利益遭受重大损失的');
    expect(reanchor(next, neu, neu).status).toBe('exact');
    expect(nextAnchor({ status: 'clause', start: 0, end: 0 }, neu)).toEqual({ start: 0, end: 0 });
  });
});

describe('fuzzy-match', () => {
  it('computes Levenshtein distances', () => {
    expect(levenshtein('处五年以下', '处三年以下')).toBe(1);
    expect(levenshtein('', '甲乙')).toBe(2);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
  });
  it('finds approximate matches with their starts', () => {
    const groups = approxSearch('甲乙丙丁戊己庚', '乙丙X丁', 1);
    expect(groups.flat().some((m) => m.start === 1 && m.end === 4 && m.errors === 1)).toBe(true);
  });
});

describe('reanchor: a stored range that runs backwards', () => {
  // found by the property below: slice(0, -1) of '_ ' is '_', so the range passed for the quote's own place
  it("is not taken as the quote's place even when slice() of it gives the quote", () => {
    const r = reanchor({ start: Number.NaN, end: -1, quote: { exact: '_', prefix: '', suffix: '' } }, '_ ', '');
    expect(r.start).toBeGreaterThanOrEqual(0);
    expect(r.end).toBeGreaterThanOrEqual(r.start);
    expect(r.end).toBeLessThanOrEqual(0);
  });
});

describe('reanchor: properties', () => {
  // Code points, not UTF-16 units: an anchor never splits a character (𠀀 is outside the BMP, as in some names).
  const unit = fc.constantFrom(...'国家利益罚金处年以下有期徒刑，。的是ab '.split(''), '𠀀', '𠂇');
  const textArb = fc.string({ unit, minLength: 1, maxLength: 80 });
  /** A text, a quote range on code point boundaries, and the offsets outside it. */
  const quotedArb = fc
    .tuple(fc.array(unit, { minLength: 1, maxLength: 60 }), fc.nat(), fc.nat())
    .map(([chars, a, b]) => {
      const offset = (i: number) => chars.slice(0, i).join('').length;
      const si = a % chars.length;
      const ei = si + 1 + (b % (chars.length - si));
      const outside = [...Array(si + 1).keys(), ...Array.from({ length: chars.length - ei + 1 }, (_, i) => ei + i)];
      return { text: chars.join(''), start: offset(si), end: offset(ei), outside: outside.map(offset) };
    });
  const check = (text: string, start: number, end: number, neu: string) => {
    const r = reanchor({ start, end, quote: makeQuote(text, start, end) }, text, neu);
    expect(['shifted', 'exact']).toContain(r.status);
    expect(neu.slice(r.start, r.end)).toBe(text.slice(start, end));
  };

  it('an insertion outside the quote leaves it shifted (or exact) on the same words', () => {
    fc.assert(
      fc.property(quotedArb, fc.nat(), textArb, ({ text, start, end, outside }, c, ins) => {
        const at = outside[c % outside.length];
        check(text, start, end, text.slice(0, at) + ins + text.slice(at));
      }),
      { numRuns: 1000 },
    );
  });

  it('a deletion outside the quote leaves it shifted (or exact) on the same words', () => {
    fc.assert(
      fc.property(quotedArb, fc.nat(), fc.nat(), ({ text, start, end, outside }, c, d) => {
        const from = outside[c % outside.length];
        const to = from < start ? from + ((d % (start - from)) + 1) : Math.min(text.length, from + 1 + (d % 8));
        if (from >= to || (from < end && to > start)) return;
        check(text, start, end, text.slice(0, from) + text.slice(to));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and keeps offsets within the new text', () => {
    const anchorArb = fc.record({
      start: fc.oneof(fc.integer({ min: -5, max: 90 }), fc.constant(Number.NaN)),
      end: fc.integer({ min: -5, max: 90 }),
      quote: fc.option(
        fc.record({
          exact: fc.string({ maxLength: 10 }),
          prefix: fc.string({ maxLength: 5 }),
          suffix: fc.string({ maxLength: 5 }),
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(anchorArb, fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (anchor, oldText, newText) => {
        const r = reanchor(anchor, oldText, newText);
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.end).toBeGreaterThanOrEqual(r.start);
        expect(r.end).toBeLessThanOrEqual(newText.length);
        if (r.status === 'fuzzy') expect(r.score).toBeGreaterThanOrEqual(0.75);
      }),
      { numRuns: 1000 },
    );
  });

  it('an arbitrary edit of a clause keeps the result within the new text', () => {
    fc.assert(
      fc.property(textArb, textArb, fc.nat(), fc.nat(), (oldText, newText, a, b) => {
        const start = a % oldText.length;
        const end = Math.min(oldText.length, start + 1 + (b % 10));
        const r = reanchor({ start, end, quote: makeQuote(oldText, start, end) }, oldText, newText);
        expect(r.end).toBeLessThanOrEqual(newText.length);
        if (r.status === 'shifted' || r.status === 'exact')
          expect(newText.slice(r.start, r.end)).toBe(oldText.slice(start, end));
      }),
      { numRuns: 1000 },
    );
  });
});
