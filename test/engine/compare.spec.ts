import { compareVersions, type CompareClause, longestIncreasing } from '../../src/engine/compare';
import type { InlineOp } from '../../src/engine/inline-diff';
import { itCorpus, readCorpus } from '../support/corpus';

const clause = (key: string, label: string, text: string): CompareClause => ({
  key,
  label,
  text,
  kind: 'article',
  level: 0,
});
const inserted = (ops: InlineOp[]) =>
  ops
    .filter((o) => o.op === 'insert')
    .map((o) => o.text)
    .join('|');

describe('compareVersions', () => {
  const v1 = [
    clause('a', '第一条', '为了规范起草工作，制定本办法。'),
    clause('b', '第二条', '本办法适用于本区各部门。'),
    clause('c', '第三条', '起草组应当广泛征求意见。'),
    clause('d', '第四条', '本办法自发布之日起施行。'),
  ];

  it('calls a clause whose number alone changed renumbered, never modified', () => {
    const v2 = [
      clause('x', '第一条', '新增的目的条款。'),
      ...v1.map((c, i) => ({ ...c, label: `第${'二三四五'[i]}条` })),
    ];
    const { summary, changes } = compareVersions(v1, v2, []);
    expect(summary).toMatchObject({ added: 1, renumbered: 4, modified: 0, unchanged: 0 });
    expect(changes.map((c) => c.type)).toEqual(['added', 'renumbered', 'renumbered', 'renumbered', 'renumbered']);
  });

  it('ignores full-width, whitespace and zero-width differences', () => {
    const v2 = [clause('a', '第 一 条', '为了规范起草工作，\u200b制定本办法。 '), ...v1.slice(1)];
    const result = compareVersions(v1, v2, [], { includeUnchanged: true });
    expect(result.summary.unchanged).toBe(4);
    expect(result.changes).toHaveLength(4);
  });

  it('diffs a modified clause inline and leaves unchanged ones out by default', () => {
    const v2 = v1.map((c) => (c.key === 'c' ? { ...c, text: '起草组应当公开征求党代表意见。' } : c));
    const { summary, changes } = compareVersions(v1, v2, []);
    expect(summary).toMatchObject({ unchanged: 3, modified: 1 });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: 'modified', from: { key: 'c' }, to: { key: 'c' } });
    expect(inserted(changes[0].inline)).toContain('党代表');
  });

  it('marks a clause that left the common order as moved, with its edits', () => {
    const v2 = [
      v1[0],
      { ...v1[2], label: '第二条' },
      { ...v1[3], label: '第三条' },
      { ...v1[1], label: '第四条', text: '本办法适用于本区各部门和街道。' },
    ];
    const { summary, changes } = compareVersions(v1, v2, []);
    expect(summary).toMatchObject({ moved: 1, unchanged: 1, renumbered: 2 });
    const moved = changes.find((c) => c.type === 'moved')!;
    expect(moved.from!.key).toBe('b');
    expect(inserted(moved.inline)).toContain('和街道');
  });

  it('orders changes as in the new version, deleted clauses where they stood', () => {
    const v2 = [v1[0], clause('n', '第二条', '新的第二条。'), { ...v1[3], label: '第三条' }];
    const { changes } = compareVersions(v1, v2, []);
    expect(changes.map((c) => `${c.type}:${(c.to ?? c.from)!.key}`)).toEqual([
      'deleted:b',
      'deleted:c',
      'added:n',
      'renumbered:d',
    ]);
    const first = compareVersions(v1, v1.slice(1), []);
    expect(first.changes.map((c) => c.type)).toEqual(['deleted']);
  });

  it('composes a split across three versions into one change', () => {
    // v2 splits c into c and c2 (split edge c → c2); v3 edits c2 and splits it again into c2 and c3.
    const v3 = [
      v1[0],
      v1[1],
      clause('c', '第三条', '起草组应当广泛征求意见。'),
      clause('c2', '第四条', '意见应当在十五日内答复。'),
      clause('c3', '第五条', '答复应当说明理由。'),
      { ...v1[3], label: '第六条' },
    ];
    const edges = [
      { fromKey: 'c', toKey: 'c2', kind: 'split' as const },
      { fromKey: 'c2', toKey: 'c3', kind: 'split' as const },
    ];
    const { summary, changes } = compareVersions(v1, v3, edges);
    expect(summary).toMatchObject({ split: 1, added: 0, renumbered: 1, modified: 0 });
    const split = changes.find((c) => c.type === 'split')!;
    expect(split.from!.key).toBe('c');
    expect(split.toParts!.map((p) => p.key)).toEqual(['c', 'c2', 'c3']);
    expect(inserted(split.inline)).toContain('十五日内答复');
  });

  it('splits through an intermediate key that neither version holds', () => {
    const to = [clause('p', '第一条', '甲。'), clause('q', '第二条', '乙。')];
    const from = [clause('o', '第一条', '甲。乙。')];
    const edges = [
      { fromKey: 'o', toKey: 'mid', kind: 'split' as const },
      { fromKey: 'mid', toKey: 'p', kind: 'split' as const },
      { fromKey: 'mid', toKey: 'q', kind: 'split' as const },
    ];
    const { summary, changes } = compareVersions(from, to, edges);
    expect(summary).toMatchObject({ split: 1, deleted: 0, added: 0 });
    expect(changes[0].toParts!.map((p) => p.key)).toEqual(['p', 'q']);
  });

  it('composes merges into one merged change', () => {
    const edges = [
      { fromKey: 'b', toKey: 'z', kind: 'merge' as const },
      { fromKey: 'z', toKey: 'c', kind: 'merge' as const },
    ];
    const v2 = [
      v1[0],
      { ...v1[2], label: '第二条', text: '本办法适用于本区各部门。起草组应当广泛征求意见。' },
      { ...v1[3], label: '第三条' },
    ];
    const { summary, changes } = compareVersions(v1, v2, edges);
    expect(summary).toMatchObject({ merged: 1, deleted: 0, modified: 0 });
    const merged = changes.find((c) => c.type === 'merged')!;
    expect(merged.fromParts!.map((p) => p.key)).toEqual(['b', 'c']);
    expect(merged.to!.key).toBe('c');
  });
});

describe('longestIncreasing', () => {
  it('keeps one longest increasing run', () => {
    expect([...longestIncreasing([0, 3, 1, 2, 4])].sort()).toEqual([0, 2, 3, 4]);
    expect(longestIncreasing([]).size).toBe(0);
  });
});

describe('compareVersions on the twelfth amendment to the criminal law', () => {
  const articles = (file: string): CompareClause[] => {
    const text = readCorpus(`criminal-law-cn/${file}`);
    return text
      .split(/\n(?=第[零〇一二三四五六七八九十百千]+(?:条|章|节|编)(?:之[一二三四五六七八九十]+)?[ \u3000])/u)
      .map((chunk) => /^(第[^ \u3000]+条(?:之[一二三四五六七八九十]+)?)[ \u3000]([\s\S]*)$/u.exec(chunk))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => clause(m[1], m[1], m[2].trim()));
  };

  itCorpus('finds the amended articles and the amendment wording', () => {
    const { changes } = compareVersions(articles('2020-amend11.txt'), articles('2023-amend12.txt'), []);
    const amended = [
      '第一百六十五条',
      '第一百六十六条',
      '第一百六十九条',
      '第三百八十七条',
      '第三百九十条',
      '第三百九十一条',
      '第三百九十三条',
    ];
    const labels = changes.map((c) => c.to!.label);
    expect(labels.filter((l) => l !== '第四百五十二条')).toEqual(amended);
    const inserts = Object.fromEntries(changes.map((c) => [c.to!.label, inserted(c.inline)]));
    expect(inserts['第三百九十条']).toContain('有下列情形之一的，从重处罚');
    expect(inserts['第三百九十条']).toContain('多次行贿或者向多人行贿的');
    expect(inserts['第三百九十一条']).toContain('情节严重的，处三年以上七年以下有期徒刑');
    expect(inserts['第三百九十三条']).toContain('情节特别严重的');
    expect(inserts['第一百六十五条']).toContain('其他公司、企业的董事、监事、高级管理人员违反法律、行政法规规定');
  });
});
