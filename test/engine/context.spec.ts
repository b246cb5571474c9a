import { clauseContexts } from '../../src/engine/context';
import { parseDocument } from '../../src/engine/parse';

describe('clauseContexts', () => {
  it('names the heading a policy item stands under, so repeated numbers are told apart', () => {
    const text = '一、支持企业发展。\n\n（一）扩大投资。\n\n（二）鼓励改造。\n\n二、强化人才支撑\n\n（一）引进人才。\n\n（二）培育技能人才。对企业给予补贴。\n';
    const clauses = parseDocument(text).clauses;
    const ctx = clauseContexts(clauses);
    const of = (needle: string) => ctx[clauses.findIndex((c) => c.text.startsWith(needle))];
    expect(of('鼓励改造')).toBe('一、支持企业发展');
    expect(of('培育技能人才')).toBe('二、强化人才支撑');
    expect(of('支持企业发展')).toBe('');
  });

  it('shortens long headings and survives broken parent links', () => {
    const ctx = clauseContexts([
      { kind: 'division', label: '第一章', text: '关于一个非常非常非常非常长的标题的一般规定和其他', parent: null },
      { kind: 'article', label: '第一条', text: '正文。', parent: 0 },
      { kind: 'item', label: '（一）', text: '项。', parent: 7 },
    ]);
    expect(ctx[1]).toBe('第一章关于一个非常非常非常非常长的标题…');
    expect(ctx[2]).toBe('');
  });
});
