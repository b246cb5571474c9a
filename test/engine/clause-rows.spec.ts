import { assignKeys, normHash, toTree } from '../../src/engine/clause-rows';
import { parseDocument } from '../../src/engine/parse';

const V1 = [
  '总则',
  '',
  '第一条 为了改进社区服务，制定本规定。',
  '',
  '第二条 社区服务应当便民利民。',
  '',
  '第三条 本规定自发布之日起施行。',
  '',
].join('\n');
// 第二条 deleted: the old 第三条 is renumbered 第二条 with the same body, and a new article is added.
const V2 = [
  '总则',
  '',
  '第一条 为了改进社区服务，制定本规定。',
  '',
  '第二条 本规定自发布之日起施行。',
  '',
  '第三条 街道每季度公开服务清单。',
  '',
].join('\n');

describe('clause rows: keys for a new version and the tree the API returns', () => {
  const first = assignKeys(parseDocument(V1).clauses, []);

  it('gives every clause of a first version a fresh key, a full path and a hash of its normalised text', () => {
    expect(new Set(first.rows.map((r) => r.key)).size).toBe(first.rows.length);
    expect(first.lineage).toEqual([]);
    const article = first.rows.find((r) => r.label === '第二条')!;
    expect(article.normHash).toBe(normHash('社区服务应当便民利民。'));
    expect(article.path).toContain('第二条');
  });

  it('keeps the key of a clause that continues (even renumbered), gives new clauses new keys, and counts changes as the diff does', () => {
    const second = assignKeys(parseDocument(V2).clauses, first.rows);
    const keyOf = (rows: typeof first.rows, text: string) => rows.find((r) => r.text.includes(text))!.key;
    expect(keyOf(second.rows, '自发布之日起施行')).toBe(keyOf(first.rows, '自发布之日起施行'));
    expect(keyOf(second.rows, '为了改进社区服务')).toBe(keyOf(first.rows, '为了改进社区服务'));
    expect(first.rows.map((r) => r.key)).not.toContain(keyOf(second.rows, '街道每季度公开服务清单'));
    expect(second.lineage.every((l) => l.source === 'auto')).toBe(true);
    expect(second.changes).toMatchObject({ added: 1, deleted: 1 });
  });

  it('builds the tree from parent ordinals, headings only on titles and divisions', () => {
    const tree = toTree(first.rows);
    const count = (nodes: ReturnType<typeof toTree>): number => nodes.reduce((n, c) => n + 1 + count(c.children), 0);
    expect(count(tree)).toBe(first.rows.length);
    for (const r of first.rows) {
      if (r.parentOrdinal !== null) continue;
      expect(tree.map((n) => n.key)).toContain(r.key);
    }
    const article = first.rows.find((r) => r.label === '第一条')!;
    const flat = (nodes: ReturnType<typeof toTree>): ReturnType<typeof toTree> =>
      nodes.flatMap((n) => [n, ...flat(n.children)]);
    expect(flat(tree).find((n) => n.key === article.key)).toMatchObject({
      heading: '',
      text: article.text,
      path: article.path,
    });
  });
});
