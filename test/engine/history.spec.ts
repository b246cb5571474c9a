import { compareVersions, type CompareClause } from '../../src/engine/compare';
import { blame, blameAcross, changeConcerning, lineageAncestors, standIn } from '../../src/engine/history';
import { inlineDiff } from '../../src/engine/inline-diff';

const c = (key: string, label: string, text: string): CompareClause => ({
  key,
  label,
  text,
  kind: 'article',
  level: 0,
});

describe('clause history helpers', () => {
  const edges = [
    { fromKey: 'a', toKey: 'a2', kind: 'split' as const },
    { fromKey: 'b', toKey: 'm', kind: 'merge' as const },
    { fromKey: 'x', toKey: 'b', kind: 'merge' as const },
  ];

  it('walks back through splits and merges, nearest first', () => {
    expect(lineageAncestors('a2', edges)).toEqual(['a']);
    expect(lineageAncestors('m', edges)).toEqual(['b', 'x']);
    expect(lineageAncestors('a', edges)).toEqual([]);
  });

  it('lets the nearest ancestor stand for a clause in a version that does not hold it yet', () => {
    const v1 = new Map([['a', { key: 'a', text: '原条文' }]]);
    expect(standIn(['a2', 'a'], v1)).toEqual({ key: 'a', text: '原条文' });
    expect(standIn(['a2', 'a'], new Map())).toBeNull();
  });

  it('finds the change that leads to a clause, or the one that takes it away', () => {
    const from = [c('a', '第一条', '甲乙两项。'), c('b', '第二条', '丙。'), c('d', '第三条', '丁。')];
    const to = [c('a', '第一条', '甲项。'), c('a2', '第二条', '乙项。'), c('b', '第三条', '丙。')];
    const { changes } = compareVersions(from, to, [{ fromKey: 'a', toKey: 'a2', kind: 'split' }], {
      includeUnchanged: true,
    });
    expect(changeConcerning(changes, 'a2', 'a')?.type).toBe('split');
    expect(changeConcerning(changes, 'b', 'b')?.type).toBe('renumbered');
    expect(changeConcerning(changes, null, 'd')?.type).toBe('deleted');
  });
});

describe('blame', () => {
  const diff = (a: string, b: string) => inlineDiff(a, b).ops;

  it('gives each run of the wording the version that introduced it, word by word', () => {
    const spans = blame(
      [
        { version: 1, text: '对新引进的企业给予奖励。' },
        { version: 2, text: '对新引进的制造业企业给予奖励。' },
        { version: 3, text: '对新引进的制造业企业给予一次性奖励。' },
      ],
      diff,
    );
    expect(spans.map((s) => s.text).join('')).toBe('对新引进的制造业企业给予一次性奖励。');
    expect(spans).toEqual([
      { text: '对新引进的', version: 1 },
      { text: '制造业', version: 2 },
      { text: '企业给予', version: 1 },
      { text: '一次性', version: 3 },
      { text: '奖励。', version: 1 },
    ]);
  });

  it('keeps attribution through a step that changes nothing (a renumbering) and gives an empty clause no spans', () => {
    expect(
      blame(
        [
          { version: 1, text: '甲。' },
          { version: 2, text: '甲。' },
        ],
        diff,
      ),
    ).toEqual([{ text: '甲。', version: 1 }]);
    expect(blame([], diff)).toEqual([]);
  });
});

describe('blameAcross', () => {
  const diff = (a: string, b: string) => inlineDiff(a, b, { exact: true }).ops;

  it('keeps the drafts that wrote the words of a clause split, then edited, then merged with another', () => {
    const versions = [
      {
        version: 1,
        clauses: [
          { key: 'x', text: '设立专项资金。资金用于支持技术改造。' },
          { key: 'y', text: '资金使用情况每年公开。' },
        ],
      },
      {
        version: 2,
        clauses: [
          { key: 'x', text: '设立专项资金。' },
          { key: 'x2', text: '资金用于支持技术改造。' },
          { key: 'y', text: '资金使用情况每年公开。' },
        ],
      },
      {
        version: 3,
        clauses: [
          { key: 'x', text: '设立专项资金。' },
          { key: 'x2', text: '资金用于支持企业技术改造。' },
          { key: 'y', text: '资金使用情况每年公开。' },
        ],
      },
      {
        version: 4,
        clauses: [
          { key: 'x', text: '设立专项资金。' },
          { key: 'x2', text: '资金用于支持企业技术改造，使用情况每年向社会公开。' },
        ],
      },
    ];
    const edges = [
      { fromKey: 'x', toKey: 'x2', toVersion: 2 },
      { fromKey: 'y', toKey: 'x2', toVersion: 4 },
    ];
    const spans = blameAcross(versions, edges, 'x2', diff);
    expect(spans.map((s) => s.text).join('')).toBe('资金用于支持企业技术改造，使用情况每年向社会公开。');
    const by = (text: string) => spans.filter((s) => s.text.includes(text)).map((s) => s.version);
    expect(by('资金用于支持')).toEqual([1]);
    expect(by('企业')).toEqual([3]);
    // merged in at version 4, written in version 1
    expect(by('使用情况每年')).toEqual([1]);
    expect(by('向社会')).toEqual([4]);
  });
});
