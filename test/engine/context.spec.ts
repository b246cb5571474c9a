import { clauseContexts, clausePaths } from '../../src/engine/context';
import { parseDocument } from '../../src/engine/parse';

describe('clauseContexts', () => {
  it('names the heading a policy item stands under, so repeated numbers are told apart', () => {
    const text =
      '一、支持企业发展。\n\n（一）扩大投资。\n\n（二）鼓励改造。\n\n二、强化人才支撑\n\n（一）引进人才。\n\n（二）培育技能人才。对企业给予补贴。\n';
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

describe('clausePaths', () => {
  it('names every clause by its headings and its own label, so two （二） are never confused', () => {
    const text =
      '一、支持企业发展\n\n（一）扩大投资。\n\n（二）鼓励改造。\n\n二、强化人才支撑\n\n（二）培育技能人才。\n\n附：本措施自印发之日起施行。\n';
    const clauses = parseDocument(text).clauses;
    const paths = clausePaths(clauses);
    const of = (needle: string) => paths[clauses.findIndex((c) => c.text.startsWith(needle))];
    expect(of('鼓励改造')).toBe('一、支持企业发展 › （二）');
    expect(of('培育技能人才')).toBe('二、强化人才支撑 › （二）');
    expect(of('支持企业发展')).toBe('一、支持企业发展');
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('names headings and unnumbered clauses by the start of their text', () => {
    const paths = clausePaths([
      { kind: 'division', label: '第一章', text: '总则', parent: null },
      { kind: 'article', label: '第一条', text: '为了规范管理，制定本法。', parent: 0 },
      { kind: 'paragraph', label: '', text: '本章所称单位，包括机关和企业事业单位。', parent: 0 },
    ]);
    expect(paths).toEqual(['第一章总则', '第一章总则 › 第一条', '第一章总则 › 本章所称单位，包括机关和企业事业…']);
  });
});
