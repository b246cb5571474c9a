import fc from 'fast-check';
import { alignClauses, movedPairs } from '../../src/engine/align';
import { normalizeForCompare } from '../../src/engine/normalize';
import { parseDocument } from '../../src/engine/parse';
import type { AlignClause, LineageEdge, ParsedClause } from '../../src/engine/types';
import { describeCorpus, readCorpus } from '../support/corpus';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function article(n: number, text: string): AlignClause {
  return { kind: 'article', level: 1, label: `第${NUMERALS[n]}条`, text };
}

/** Distinct made-up article bodies, long enough to say something. */
const BODY = [
  '申请人应当在收到通知之日起十五日内提交书面材料，逾期不提交的视为放弃。',
  '主管部门对申请材料进行审查，材料齐全的，当场予以受理并出具凭证。',
  '委员会由主任一人、副主任若干人和委员组成，任期五年，可以连任一次。',
  '任何单位和个人不得伪造、变造或者买卖许可证件，违者依法追究责任。',
  '资金使用情况每年向社会公开一次，接受审计机关和公众的监督检查。',
  '本办法自发布之日起施行，原有规定与本办法不一致的，以本办法为准。',
];

function continues(edges: LineageEdge[]): Map<number, LineageEdge> {
  return new Map(edges.filter((e) => e.kind === 'continue').map((e) => [e.oldIndex, e]));
}

function expectAtMostOneContinueEach(edges: LineageEdge[]): void {
  const cont = edges.filter((e) => e.kind === 'continue');
  expect(new Set(cont.map((e) => e.oldIndex)).size).toBe(cont.length);
  expect(new Set(cont.map((e) => e.newIndex)).size).toBe(cont.length);
}

describe('alignClauses', () => {
  const before = BODY.map((b, i) => article(i, b));

  it('matches a renumbered document clause by clause, all identical', () => {
    const after = [article(0, '新增的第一条，规定了目的和依据。'), ...BODY.map((b, i) => article(i + 1, b))];
    const { edges } = alignClauses(before, after);
    expect(edges).toEqual(BODY.map((_, i) => ({ oldIndex: i, newIndex: i + 1, kind: 'continue', score: 1 })));
    expect(movedPairs(edges)).toEqual([]);
  });

  it('follows a moved article and reports it as the one move', () => {
    const after = [before[0], before[4], before[1], before[2], before[3], before[5]].map((c, i) => ({
      ...c,
      label: `第${NUMERALS[i]}条`,
    }));
    const { edges } = alignClauses(before, after);
    expect([...continues(edges)].map(([o, e]) => [o, e.newIndex])).toEqual(
      expect.arrayContaining([
        [0, 0],
        [4, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [5, 5],
      ]),
    );
    expect(movedPairs(edges).map((e) => [e.oldIndex, e.newIndex])).toEqual([[4, 1]]);
  });

  it('matches an edited article by similarity, and leaves new and deleted ones unmatched', () => {
    const after = [
      before[0],
      article(1, '主管部门对申请材料进行审查，材料齐全、符合法定形式的，应当当场予以受理并出具书面凭证。'),
      article(2, '数据处理者应当建立安全管理制度，定期开展风险评估并报送评估报告。'),
      before[3],
      before[4],
    ];
    const { edges } = alignClauses(before, after);
    const cont = continues(edges);
    expect(cont.get(1)).toMatchObject({ newIndex: 1, kind: 'continue' });
    expect(cont.get(1)!.score).toBeGreaterThan(0.5);
    expect(cont.get(1)!.score).toBeLessThan(1);
    expect(cont.has(2)).toBe(false); // deleted
    expect(cont.has(5)).toBe(false); // deleted
    expect(edges.some((e) => e.newIndex === 2)).toBe(false); // added
  });

  it('does not pair clauses of different kinds or division levels', () => {
    const old: AlignClause[] = [{ kind: 'division', level: 0, label: '第一章', text: '总则' }];
    expect(alignClauses(old, [{ kind: 'article', level: 1, label: '第一条', text: '总则' }]).edges).toEqual([]);
    expect(alignClauses(old, [{ kind: 'division', level: 1, label: '第一节', text: '总则规定' }]).edges).toEqual([]);
    expect(alignClauses(old, [{ kind: 'division', level: 0, label: '第二章', text: '总 则' }]).edges).toHaveLength(1);
  });

  it('records a split: the remaining part continues, the part that left is a split edge', () => {
    const whole = article(1, `${BODY[1]}\n\n${BODY[2]}`);
    const { edges } = alignClauses(
      [before[0], whole, before[3]],
      [before[0], article(1, BODY[1]), article(2, BODY[2]), article(3, BODY[3])],
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ oldIndex: 1, newIndex: 1, kind: 'continue' }),
        expect.objectContaining({ oldIndex: 1, newIndex: 2, kind: 'split', score: 1 }),
      ]),
    );
    expectAtMostOneContinueEach(edges);
  });

  it('keeps the numbered part as the continuation of a split even when the split-off part resembles the whole more', () => {
    const item = (label: string, text: string): AlignClause => ({ kind: 'item', level: 1, label, text });
    const head = item('（一）', '建立梯度培育库，按规模分级培育企业。');
    const tail = item('（三）', '强化知识产权保护，对高价值专利给予奖励。');
    const whole = item('（二）', '加大研发支持。对企业研发投入给予补贴，对新认定的国家级、省级创新平台给予配套资助。');
    const kept = item('（二）', '加大研发支持。对企业研发投入给予补贴，单个企业每年最高不超过五百万元。');
    const splitOff = item('（三）', '对新认定的国家级、省级创新平台给予配套资助。');
    const { edges } = alignClauses([head, whole, tail], [head, kept, splitOff, { ...tail, label: '（四）' }]);
    expect(edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ oldIndex: 1, newIndex: 1, kind: 'continue' }),
        expect.objectContaining({ oldIndex: 1, newIndex: 2, kind: 'split' }),
        expect.objectContaining({ oldIndex: 2, newIndex: 3, kind: 'continue' }),
      ]),
    );
    expectAtMostOneContinueEach(edges);
  });

  it('records a merge: one old clause continues into the whole, the other merges into it', () => {
    const whole = article(1, `${BODY[1]}\n\n${BODY[2]}`);
    const { edges } = alignClauses(
      [before[0], before[1], before[2], before[3]],
      [before[0], whole, article(2, BODY[3])],
    );
    const merge = edges.filter((e) => e.kind === 'merge');
    expect(merge).toHaveLength(1);
    expect(merge[0]).toMatchObject({ newIndex: 1, score: 1 });
    const cont = continues(edges);
    expect(cont.get(3 - merge[0].oldIndex)).toMatchObject({ newIndex: 1 });
    expectAtMostOneContinueEach(edges);
  });

  it('pairs repeated bodies in order', () => {
    const deleted = (n: number): AlignClause => article(n, '（删去）');
    const { edges } = alignClauses(
      [before[0], deleted(1), before[2], deleted(3), before[4]],
      [before[0], deleted(1), before[2], deleted(3), before[4]],
    );
    expect(edges.map((e) => [e.oldIndex, e.newIndex])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });
});

describe('alignClauses: properties', () => {
  const cjk = fc.constantFrom(
    ...'的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现与关点'.split(
      '',
    ),
  );
  const bodies = fc.uniqueArray(
    fc.array(cjk, { minLength: 12, maxLength: 40 }).map((a) => a.join('')),
    {
      minLength: 1,
      maxLength: 30,
      selector: (s) => normalizeForCompare(s),
    },
  );

  it('renumbering and reordering articles never breaks their identity', () => {
    fc.assert(
      fc.property(
        bodies.chain((bs) =>
          fc.tuple(
            fc.constant(bs),
            fc.shuffledSubarray(
              bs.map((_, i) => i),
              { minLength: bs.length },
            ),
          ),
        ),
        ([bs, order]) => {
          const old = bs.map((b, i) => ({ kind: 'article' as const, level: 0, label: `Art ${i + 1}`, text: b }));
          const neu = order.map((i, k) => ({ ...old[i], label: `Art ${k + 2}` }));
          const { edges } = alignClauses(old, neu);
          expect(edges).toHaveLength(bs.length);
          for (const e of edges) {
            expect(e).toMatchObject({ kind: 'continue', score: 1 });
            expect(order[e.newIndex]).toBe(e.oldIndex);
          }
          // Only what left the common order is reported as moved.
          expect(movedPairs(edges).length).toBeLessThanOrEqual(bs.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives every clause at most one continue edge, with indices in range, for any two lists', () => {
    const clause = fc.record({
      kind: fc.constantFrom('article' as const, 'division' as const, 'item' as const),
      level: fc.integer({ min: 0, max: 2 }),
      label: fc.constantFrom('', '第一条', 'Art 1'),
      text: fc.oneof(fc.constantFrom(...BODY, '', '（删去）'), fc.string({ maxLength: 30 })),
    });
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 25 }), fc.array(clause, { maxLength: 25 }), (a, b) => {
        const { edges } = alignClauses(a, b);
        expectAtMostOneContinueEach(edges);
        for (const e of edges) {
          expect(e.oldIndex).toBeLessThan(a.length);
          expect(e.newIndex).toBeLessThan(b.length);
          expect(e.score).toBeGreaterThanOrEqual(0);
          expect(e.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describeCorpus('alignClauses on the real corpus', () => {
  const parse = (file: string): ParsedClause[] => parseDocument(readCorpus(file)).clauses;
  const body = (c: ParsedClause): string => normalizeForCompare(c.text);

  it('civil procedure law 2021 → 2023: every unchanged article continues to the same body, however renumbered', () => {
    const old = parse('civil-procedure-law-cn/2021.txt');
    const neu = parse('civil-procedure-law-cn/2023.txt');
    const { edges } = alignClauses(old, neu);
    expectAtMostOneContinueEach(edges);
    const cont = continues(edges);
    const newBodies = new Set(neu.filter((c) => c.kind === 'article').map(body));
    let unchanged = 0;
    let renumbered = 0;
    old.forEach((c, i) => {
      if (c.kind !== 'article' || !newBodies.has(body(c))) return;
      unchanged++;
      const e = cont.get(i);
      expect(e).toBeDefined();
      expect(body(neu[e!.newIndex])).toBe(body(c));
      if (neu[e!.newIndex].label !== c.label) renumbered++;
    });
    expect(unchanged).toBeGreaterThan(200);
    expect(renumbered).toBeGreaterThan(50);
  });

  describe('criminal law amendment XI → XII', () => {
    const old = parse('criminal-law-cn/2020-amend11.txt');
    const neu = parse('criminal-law-cn/2023-amend12.txt');

    it('matches every article to its same-label article; only the seven amended ones differ', () => {
      const { edges } = alignClauses(old, neu);
      expectAtMostOneContinueEach(edges);
      const cont = continues(edges);
      const changed: string[] = [];
      old.forEach((c, i) => {
        if (c.kind !== 'article') return;
        const e = cont.get(i);
        expect(e && neu[e.newIndex].label).toBe(c.label);
        if (body(neu[e!.newIndex]) !== body(c)) changed.push(c.label);
      });
      expect(changed).toEqual([
        '第一百六十五条',
        '第一百六十六条',
        '第一百六十九条',
        '第三百八十七条',
        '第三百九十条',
        '第三百九十一条',
        '第三百九十三条',
      ]);
    });

    it('shows the new header line and the footnote as the only additions, with nothing deleted', () => {
      const { edges } = alignClauses(old, neu);
      const matchedNew = new Set(edges.filter((e) => e.kind === 'continue').map((e) => e.newIndex));
      const added = neu.filter((_, j) => !matchedNew.has(j));
      expect(added.map((c) => [c.kind, c.label])).toEqual([
        ['preamble', ''],
        ['note', '①'],
      ]);
      expect(added[0].text).toContain('刑法修正案（十二）');
      expect(edges.filter((e) => e.kind === 'continue')).toHaveLength(old.length);
      expect(edges.filter((e) => e.kind !== 'continue')).toEqual([]);
    });
  });
});
