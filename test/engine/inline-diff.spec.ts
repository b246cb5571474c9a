import fc from 'fast-check';
import { inlineDiff, type InlineOp } from '../../src/engine/inline-diff';
import { tokenize } from '../../src/engine/tokenize';

const side = (ops: InlineOp[], keep: 'delete' | 'insert') =>
  ops
    .filter((o) => o.op === 'equal' || o.op === keep)
    .map((o) => o.text)
    .join('');

const cjk = fc.string({
  unit: fc.constantFrom(
    ...'我今天在北京大学的第十三条一二三四五六七八九百之（）、，。；：处罚金年以下有期徒刑 \n1.2§Art'.split(''),
  ),
  maxLength: 60,
});

describe('tokenize', () => {
  it('keeps clause labels, numbers and dates whole', () => {
    const tokens = tokenize('第一百六十五条之一 依照第十三条（二）项，2023年12月29日起，见1.2.3、§ 5a和Art. 93');
    for (const whole of [
      '第一百六十五条之一',
      '第十三条',
      '（二）',
      '2023年',
      '12月',
      '29日',
      '1.2.3',
      '§ 5a',
      'Art. 93',
    ]) {
      expect(tokens).toContain(whole);
    }
  });

  it('splits Latin text into words, spaces and punctuation', () => {
    expect(tokenize('Die Würde des Menschen.')).toEqual(['Die', ' ', 'Würde', ' ', 'des', ' ', 'Menschen', '.']);
  });

  it('round-trips any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => tokenize(s).join('') === s));
    fc.assert(fc.property(cjk, (s) => tokenize(s).join('') === s));
  });
});

describe('inlineDiff', () => {
  it('diffs Chinese by words', () => {
    const { ops, fallback } = inlineDiff('我今天在北京大学', '我昨天在清华大学');
    expect(fallback).toBe(false);
    expect(ops).toEqual([
      { op: 'equal', text: '我' },
      { op: 'delete', text: '今天' },
      { op: 'insert', text: '昨天' },
      { op: 'equal', text: '在' },
      { op: 'delete', text: '北京大学' },
      { op: 'insert', text: '清华大学' },
    ]);
  });

  it('replaces a clause number as a whole, never digit by digit', () => {
    const { ops } = inlineDiff('依照第十三条的规定', '依照第十四条的规定');
    expect(ops).toEqual([
      { op: 'equal', text: '依照' },
      { op: 'delete', text: '第十三条' },
      { op: 'insert', text: '第十四条' },
      { op: 'equal', text: '的规定' },
    ]);
  });

  it('keeps years and decimal numbers whole', () => {
    expect(inlineDiff('自2023年起', '自2024年起').ops).toContainEqual({ op: 'delete', text: '2023年' });
    expect(inlineDiff('see 1.2.3 here', 'see 1.2.4 here').ops).toContainEqual({ op: 'insert', text: '1.2.4' });
  });

  it('folds a stray character inside a rewritten phrase into one change', () => {
    const { ops } = inlineDiff('应当加强对市场主体的监督管理工作', '应当完善针对企业的服务保障机制');
    expect(ops).toEqual([
      { op: 'equal', text: '应当' },
      { op: 'delete', text: '加强对市场主体的监督管理工作' },
      { op: 'insert', text: '完善针对企业的服务保障机制' },
    ]);
  });

  it('folds a lone space between changed Latin words', () => {
    expect(inlineDiff('the quick fox', 'a slow fox').ops).toEqual([
      { op: 'delete', text: 'the quick' },
      { op: 'insert', text: 'a slow' },
      { op: 'equal', text: ' fox' },
    ]);
  });

  it('handles empty sides', () => {
    expect(inlineDiff('', '').ops).toEqual([]);
    expect(inlineDiff('', '新增').ops).toEqual([{ op: 'insert', text: '新增' }]);
    expect(inlineDiff('删除', '').ops).toEqual([{ op: 'delete', text: '删除' }]);
  });

  it('gives up within the bound on a pathological pair and reports a whole replacement', () => {
    const rng = fc.sample(
      fc.string({
        unit: fc.constantFrom(...'的一是不了在人有我他这个们中来上大为和国地到以说时要就出会'.split('')),
        minLength: 20000,
        maxLength: 20000,
      }),
      { numRuns: 2, seed: 42 },
    );
    // Without the bound this pair takes minutes; the fallback flag shows the bound cut it short.
    const result = inlineDiff(rng[0], rng[1], { timeoutMs: 100 });
    expect(result.fallback).toBe(true);
    expect(result.ops).toEqual([
      { op: 'delete', text: rng[0] },
      { op: 'insert', text: rng[1] },
    ]);
  });

  it('honours maxEditLength', () => {
    const result = inlineDiff('一二三四五六七八', '八七六五四三二一', { maxEditLength: 2 });
    expect(result.fallback).toBe(true);
  });

  it('round-trips both sides for arbitrary strings and never leaves an empty or doubled op', () => {
    const check = (a: string, b: string) => {
      const { ops } = inlineDiff(a, b);
      if (side(ops, 'delete') !== a || side(ops, 'insert') !== b) return false;
      return ops.every((o, i) => o.text !== '' && (i === 0 || ops[i - 1].op !== o.op));
    };
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), check));
    fc.assert(fc.property(cjk, cjk, check), { numRuns: 500 });
  });
});
