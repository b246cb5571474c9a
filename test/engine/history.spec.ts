import { compareVersions, type CompareClause } from '../../src/engine/compare';
import { changeConcerning, lineageAncestors, standIn } from '../../src/engine/history';

const c = (key: string, label: string, text: string): CompareClause => ({ key, label, text, kind: 'article', level: 0 });

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
    const { changes } = compareVersions(from, to, [{ fromKey: 'a', toKey: 'a2', kind: 'split' }], { includeUnchanged: true });
    expect(changeConcerning(changes, 'a2', 'a')?.type).toBe('split');
    expect(changeConcerning(changes, 'b', 'b')?.type).toBe('renumbered');
    expect(changeConcerning(changes, null, 'd')?.type).toBe('deleted');
  });
});
