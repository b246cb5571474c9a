/** The sentences a keyboard user chooses a passage from (web/src/clauses.ts): offsets that give back the text. */
import { quoteAt, sentences } from '../../web/src/clauses';

describe('sentences of a clause', () => {
  it('splits after 。；！？ and at line breaks, leaving out the whitespace around each sentence', () => {
    const text = '培育行业领军企业。对符合条件的，给予奖励；其他！\n第二行没有标点\n\n“引号里。”后面？  末尾';
    const parts = sentences(text);
    expect(parts.map((p) => p.text)).toEqual([
      '培育行业领军企业。',
      '对符合条件的，给予奖励；',
      '其他！',
      '第二行没有标点',
      '“引号里。”',
      '后面？',
      '末尾',
    ]);
    for (const p of parts) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('gives one sentence for a clause without a stop, and none for an empty one', () => {
    expect(sentences('一是编制产业链图谱，')).toEqual([{ start: 0, end: 10, text: '一是编制产业链图谱，' }]);
    expect(sentences('')).toEqual([]);
    expect(sentences(' \n ')).toEqual([]);
  });

  it('quotes a chosen sentence the way a selection of the same words is quoted', () => {
    const text = '培育行业领军企业。对年营业收入首次突破一百亿元的企业给予奖励。';
    const [, second] = sentences(text);
    expect(quoteAt(text, second.start, second.end)).toEqual({
      exact: '对年营业收入首次突破一百亿元的企业给予奖励。',
      prefix: '培育行业领军企业。',
      suffix: '',
    });
  });
});
