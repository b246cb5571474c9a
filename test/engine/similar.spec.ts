import fc from 'fast-check';
import { groupSimilar, normaliseBody, similarity } from '../../src/engine/similar';

const CAMPAIGN = '建议将服务事项清单改为每月公开一次，并同时在社区网站和服务大厅张贴，方便老年居民查阅。';

describe('grouping near-identical comments', () => {
  it('normalises width, case, spaces and punctuation away before comparing', () => {
    expect(normaliseBody('建议 改为 ３０日！ OK')).toBe(normaliseBody('建议改为30日。ok'));
  });

  it('scores by the Dice coefficient of character bigrams', () => {
    expect(similarity('abcd', 'abcd')).toBe(1);
    expect(similarity('abcd', 'wxyz')).toBe(0);
    expect(similarity('abcd', 'abce')).toBeCloseTo((2 * 2) / 6); // ab, bc shared of 3 + 3 bigrams
    expect(similarity('甲', '甲')).toBe(1);
  });

  it('groups a campaign text and its one-word variant on the same clause, and not an unrelated comment', () => {
    const groups = groupSimilar([
      { id: 'c2', clauseKey: 'k', body: CAMPAIGN.replace('将', '把') },
      { id: 'c1', clauseKey: 'k', body: CAMPAIGN },
      { id: 'c3', clauseKey: 'k', body: '张贴的位置应当写明。' },
    ]);
    expect(groups).toEqual([{ clauseKey: 'k', commentIds: ['c1', 'c2'] }]);
  });

  it('never groups across clauses, and returns no group of one', () => {
    expect(
      groupSimilar([
        { id: 'a', clauseKey: 'k1', body: CAMPAIGN },
        { id: 'b', clauseKey: 'k2', body: CAMPAIGN },
      ]),
    ).toEqual([]);
  });

  it('joins transitively (a ~ b, b ~ c makes one group) and honours the threshold', () => {
    const a = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸';
    const b = a.replace('五', '伍');
    const c = b.replace('庚', '更');
    expect(
      groupSimilar(
        [
          { id: 'a', clauseKey: 'k', body: a },
          { id: 'b', clauseKey: 'k', body: b },
          { id: 'c', clauseKey: 'k', body: c },
        ],
        0.85,
      ),
    ).toEqual([{ clauseKey: 'k', commentIds: ['a', 'b', 'c'] }]);
    expect(
      groupSimilar(
        [
          { id: 'a', clauseKey: 'k', body: a },
          { id: 'c', clauseKey: 'k', body: c },
        ],
        0.95,
      ),
    ).toEqual([]);
  });

  it('is a partition: every id is in at most one group, each group sorted and on one clause', () => {
    const item = fc.record({
      clauseKey: fc.constantFrom('k1', 'k2'),
      body: fc.constantFrom(CAMPAIGN, CAMPAIGN.replace('将', '把'), '另一条意见。', '另一条意见'),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (raw) => {
        const items = raw.map((r, i) => ({ id: `c${String(i).padStart(2, '0')}`, ...r }));
        const groups = groupSimilar(items);
        const seen = new Set<string>();
        for (const g of groups) {
          expect(g.commentIds.length).toBeGreaterThan(1);
          expect([...g.commentIds].sort()).toEqual(g.commentIds);
          for (const id of g.commentIds) {
            expect(seen.has(id)).toBe(false);
            seen.add(id);
            expect(items.find((x) => x.id === id)!.clauseKey).toBe(g.clauseKey);
          }
        }
      }),
    );
  });
});
