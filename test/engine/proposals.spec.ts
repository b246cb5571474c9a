import { applySuggestions, type ProposalClause, type Suggestion } from '../../src/engine/proposals';
import { parseDocument, renderDocument } from '../../src/engine/parse';

const TEXT = [
  '第一条 为了规范社区服务，制定本规定。',
  '第二条 社区服务应当便民利民，做到公开透明。',
  '第三条 街道办事处每季度公开服务事项清单。',
  '第四条 本规定自发布之日起施行。',
  '',
].join('\n');

function base(text = TEXT): ProposalClause[] {
  return parseDocument(text).clauses.map((c, i) => ({ ...c, key: `k${i}` }));
}

const keyOf = (clauses: ProposalClause[], label: string) => clauses.find((c) => c.label === label)!.key;
const at = (clauses: ProposalClause[], label: string, words: string) => {
  const c = clauses.find((x) => x.label === label)!;
  const start = c.text.indexOf(words);
  if (start < 0) throw new Error(`${words} not in ${label}`);
  return { clauseKey: c.key, start, end: start + words.length, quoted: true };
};
const whole = (clauses: ProposalClause[], label: string) => ({
  clauseKey: keyOf(clauses, label),
  start: 0,
  end: 0,
  quoted: false,
});
let n = 0;
const s = (
  kind: Suggestion['kind'],
  where: Pick<Suggestion, 'clauseKey' | 'start' | 'end' | 'quoted'>,
  suggestion: string | null = null,
): Suggestion => ({
  commentId: `c${++n}`,
  kind,
  ...where,
  suggestion,
});

describe('applying suggestions to a version', () => {
  it('replaces a quoted passage, a whole clause, adds after a clause and deletes a passage or a clause', () => {
    const cs = base();
    const amendPassage = s('amend', at(cs, '第二条', '便民利民'), '便民、利民、惠民');
    const amendWhole = s('amend', whole(cs, '第四条'), '第四条 本规定自2027年1月1日起施行。');
    const add = s('add', whole(cs, '第三条'), '第三条之一 居民可以通过网上平台查询服务事项。');
    const delPassage = s('delete', at(cs, '第一条', '社区'), null);
    const result = applySuggestions(cs, [amendPassage, amendWhole, add, delPassage]);
    expect(result.text).toBe(
      [
        '第一条 为了规范服务，制定本规定。',
        '第二条 社区服务应当便民、利民、惠民，做到公开透明。',
        '第三条 街道办事处每季度公开服务事项清单。',
        '第三条之一 居民可以通过网上平台查询服务事项。',
        '第四条 本规定自2027年1月1日起施行。',
        '',
      ].join('\n'),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.applied.map((a) => a.commentId)).toEqual(
      [amendPassage, amendWhole, add, delPassage].map((x) => x.commentId),
    );
    for (const a of result.applied) {
      const wording = [amendPassage, amendWhole, add].find((x) => x.commentId === a.commentId)?.suggestion;
      if (a.kind === 'delete') expect(a.at.end).toBe(a.at.start);
      else expect(wording).toContain(result.text.slice(a.at.start, a.at.end));
    }
    // the new clause parses as one of its own
    expect(parseDocument(result.text).clauses.map((c) => c.label)).toContain('第三条之一');
  });

  it('deletes a whole clause with nothing left of it', () => {
    const cs = base();
    const result = applySuggestions(cs, [s('delete', whole(cs, '第三条'))]);
    expect(result.text).toBe(TEXT.replace('第三条 街道办事处每季度公开服务事项清单。\n', ''));
  });

  it('lists overlapping suggestions as a conflict with both wordings and applies neither', () => {
    const cs = base();
    const one = s('amend', at(cs, '第二条', '便民利民，做到'), '方便群众，做到');
    const two = s('amend', at(cs, '第二条', '做到公开透明'), '做到公开、透明、高效');
    const other = s('amend', at(cs, '第三条', '每季度'), '每月');
    const result = applySuggestions(cs, [one, two, other]);
    expect(result.conflicts).toHaveLength(1);
    const [conflict] = result.conflicts;
    expect(conflict.clauseKey).toBe(keyOf(cs, '第二条'));
    expect(conflict.suggestions.map((x) => [x.commentId, x.wording])).toEqual([
      [one.commentId, '方便群众，做到'],
      [two.commentId, '做到公开、透明、高效'],
    ]);
    const clause = cs.find((c) => c.label === '第二条')!.text;
    expect(clause.slice(conflict.start, conflict.end)).toBe('便民利民，做到公开透明');
    expect(result.text).toContain('社区服务应当便民利民，做到公开透明。');
    expect(result.text).toContain('街道办事处每月公开');
    expect(result.applied.map((a) => a.commentId)).toEqual([other.commentId]);
  });

  it('counts a whole-clause amendment or deletion as touching every word of the clause', () => {
    const cs = base();
    const passage = s('amend', at(cs, '第三条', '每季度'), '每月');
    const wholeAmend = s('amend', whole(cs, '第三条'), '街道办事处公开服务事项清单。');
    const del = s('delete', whole(cs, '第一条'));
    const inDeleted = s('delete', at(cs, '第一条', '社区'));
    const addAfterDeleted = s('add', whole(cs, '第一条'), '第一条 为了改进社区服务，制定本规定。');
    const result = applySuggestions(cs, [passage, wholeAmend, del, inDeleted, addAfterDeleted]);
    expect(result.conflicts.map((c) => c.suggestions.map((x) => x.commentId))).toEqual([
      [passage.commentId, wholeAmend.commentId],
      [del.commentId, inDeleted.commentId],
    ]);
    // the addition touches no words: it stands after the clause
    expect(result.applied.map((a) => a.commentId)).toEqual([addAfterDeleted.commentId]);
  });

  it('applies identical suggestions on the same words once, for every comment that made them', () => {
    const cs = base();
    const a = s('amend', at(cs, '第三条', '每季度'), '每月');
    const b = s('amend', at(cs, '第三条', '每季度'), ' 每月 ');
    const result = applySuggestions(cs, [a, b]);
    expect(result.conflicts).toEqual([]);
    expect(result.applied.map((x) => x.commentId)).toEqual([a.commentId, b.commentId]);
    expect(result.text.match(/每月/gu)).toHaveLength(1);
  });

  it('skips a suggestion without wording and one whose clause the version lacks', () => {
    const cs = base();
    const empty = s('amend', at(cs, '第二条', '便民利民'), '   ');
    const remark = s('remark', whole(cs, '第二条'), null);
    const gone = s('amend', { clauseKey: 'nope', start: 0, end: 0, quoted: false }, '新的');
    const result = applySuggestions(cs, [empty, remark, gone]);
    expect(result.skipped).toEqual([
      { commentId: empty.commentId, reason: 'no_suggestion' },
      { commentId: remark.commentId, reason: 'no_suggestion' },
      { commentId: gone.commentId, reason: 'clause_missing' },
    ]);
    expect(result.text).toBe(TEXT);
  });

  it('treats a remark that proposes wording as an amendment', () => {
    const cs = base();
    const result = applySuggestions(cs, [s('remark', at(cs, '第三条', '服务事项清单'), '服务事项和办理流程')]);
    expect(result.text).toContain('公开服务事项和办理流程。');
  });

  it('adds after a clause and its sub-clauses, and removes a clause with its sub-clauses', () => {
    const text = ['一、总体要求', '（一）坚持统筹。', '（二）坚持创新。', '二、保障措施', '（一）加强领导。', ''].join(
      '\n',
    );
    const cs = base(text);
    expect(renderDocument(parseDocument(text).clauses)).toBe(text);
    const head = cs.find((c) => c.text === '总体要求')!;
    const added = applySuggestions(cs, [
      s('add', { clauseKey: head.key, start: 0, end: 0, quoted: false }, '（三）坚持开放。'),
    ]);
    expect(added.text).toBe(
      [
        '一、总体要求',
        '（一）坚持统筹。',
        '（二）坚持创新。',
        '（三）坚持开放。',
        '二、保障措施',
        '（一）加强领导。',
        '',
      ].join('\n'),
    );
    const removed = applySuggestions(cs, [s('delete', { clauseKey: head.key, start: 0, end: 0, quoted: false })]);
    expect(removed.text).toBe(['二、保障措施', '（一）加强领导。', ''].join('\n'));
  });
});
