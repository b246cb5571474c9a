import { CHANGE_TYPES, type ClauseChange, type CompareSummary } from '../../src/engine/compare';
import { changeOf, keysUpTo, noteNames, notCarriedOut, summarySentence } from '../../src/engine/explanation';

const summary = (over: Partial<CompareSummary>): CompareSummary =>
  ({ ...Object.fromEntries(CHANGE_TYPES.map((t) => [t, 0])), ...over }) as CompareSummary;
const ref = (key: string, label: string, text = '正文。') => ({ key, label, text });
const change = (
  type: ClauseChange['type'],
  from: string | null,
  to: string | null,
  inline: ClauseChange['inline'] = [],
): ClauseChange => ({
  type,
  from: from ? ref(from, from) : null,
  to: to ? ref(to, to) : null,
  inline,
});

describe('summarySentence', () => {
  it('says the counts as a drafter writes them, leaving out what is zero', () => {
    expect(summarySentence(summary({ modified: 3, added: 2, deleted: 1, renumbered: 4 }), []).sentence).toBe(
      '共修改3条，新增2条，删除1条，条文顺序和引用条文序号作相应调整。',
    );
    expect(summarySentence(summary({ modified: 1, split: 1, merged: 1 }), []).sentence).toBe('共修改3条。');
    expect(summarySentence(summary({ references: 2 }), []).sentence).toBe('条文顺序和引用条文序号作相应调整。');
    expect(summarySentence(summary({ unchanged: 9 }), []).sentence).toBe('未作修改。');
  });

  it('counts a moved clause whose words changed as modified too', () => {
    const moved = change('moved', 'a', 'a', [
      { op: 'equal', text: '甲' },
      { op: 'insert', text: '乙' },
    ]);
    const onlyMoved = change('moved', 'b', 'b', [{ op: 'equal', text: '丙' }]);
    expect(summarySentence(summary({ moved: 2 }), [moved, onlyMoved])).toMatchObject({
      modified: 1,
      adjusted: 2,
      sentence: '共修改1条，条文顺序和引用条文序号作相应调整。',
    });
  });
});

describe('which change a comment caused', () => {
  const changes = [change('modified', 'k1', 'k1'), change('added', null, 'k9'), change('renumbered', 'k3', 'k3')];
  it('follows the latest key the comment stood on', () => {
    const keyIn = new Map([
      [1, 'old'],
      [2, 'k1'],
    ]);
    expect(keysUpTo(keyIn, 2)).toEqual(['k1', 'old']);
    expect(changeOf(changes, keysUpTo(keyIn, 2), 'amend', [])).toBe(0);
  });
  it('gives a comment asking for a new clause the clause added beside its own', () => {
    expect(changeOf(changes, ['k5'], 'add', ['k4', 'k5', 'k9'])).toBe(1);
    expect(changeOf(changes, ['k5'], 'amend', ['k4', 'k5', 'k9'])).toBe(-1);
  });
  it('flags a comment whose clause was only renumbered in the version said to carry it out', () => {
    const c = { id: 'c', versionNumber: 1, kind: 'amend', keyIn: new Map([[1, 'k3']]), implementedInVersion: 2 };
    expect(notCarriedOut(changes, c, 1, [])).toBe('renumbered');
    expect(notCarriedOut(changes, { ...c, keyIn: new Map([[1, 'k1']]) }, 1, [])).toBeNull();
    expect(notCarriedOut(changes, { ...c, keyIn: new Map([[1, 'k7']]) }, 1, [])).toBe('unchanged');
  });
});

describe('noteNames', () => {
  it('names an article by its exact label and a policy item by the words it opens with', () => {
    expect(noteNames('删除第十条。', change('deleted', '第十条', null))).toBe(true);
    expect(noteNames('新增第十条之一。', change('deleted', '第十条', null))).toBe(false);
    expect(noteNames('修改第二十条。', change('deleted', '第十条', null))).toBe(false);
    const item: ClauseChange = {
      type: 'modified',
      from: ref('a', '（二）', '加大研发支持。对企业研发投入给予补贴。'),
      to: ref('a', '（二）', '加大研发支持。'),
      inline: [],
    };
    expect(noteNames('充实加大研发支持的内容', item)).toBe(true);
    expect(noteNames('修改第二项', item)).toBe(false);
    expect(noteNames('', item)).toBe(false);
  });
});
