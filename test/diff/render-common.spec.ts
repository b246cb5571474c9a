import { changeNote, changeTitle, ordinalName, renumberedNote, sideParts } from '../../src/engine/render/common';
import { result } from './fixtures';

describe('render helpers', () => {
  const { changes } = result();
  const byKey = (key: string) => changes.find((c) => (c.to ?? c.from)!.key === key)!;

  it('fixture covers every kind of change', () => {
    expect(changes.map((c) => c.type)).toEqual([
      'modified',
      'moved',
      'renumbered',
      'deleted',
      'split',
      'added',
      'renumbered',
    ]);
  });

  it('cuts the sides of a split back into its labelled parts', () => {
    const split = byKey('d');
    const to = sideParts(split, 'to');
    expect(to.map((p) => p.label)).toEqual(['第四条', '第五条']);
    expect(to.map((p) => p.segments.map((s) => s.text).join(''))).toEqual([
      '支持企业技术改造。',
      '对符合条件的技术改造项目给予最高五百万元补贴。',
    ]);
    expect(
      to[1].segments
        .filter((s) => s.changed)
        .map((s) => s.text)
        .join(''),
    ).toContain('五百万元');
    const from = sideParts(split, 'from');
    expect(from).toHaveLength(1);
    expect(from[0].segments.map((s) => s.text).join('')).toBe('支持企业技术改造。\n\n对符合条件的项目给予补贴。');
  });

  it('names changes for the table', () => {
    expect(changeNote(byKey('d'))).toBe('拆分为第四条、第五条');
    expect(changeNote(byKey('e'))).toBe('由第五条移至第二条');
    expect(changeNote(byKey('e'), 'en')).toBe('moved from 第五条 to 第二条');
    expect(renumberedNote(changes)).toBe('以下条文序号作相应调整：第二条改为第三条；第六条改为第七条。');
    expect(changeNote(byKey('d'), 'en')).toBe('split into 第四条, 第五条');
    expect(changeTitle(byKey('b'))).toBe('第二条 → 第三条');
    expect(changeTitle(byKey('a'))).toBe('第一条');
  });

  it('says a number as a drafter does: articles as they are, items as 第N项', () => {
    expect(['八、', '（五）', '(3)', '8.', '第八条', '第三条之一', 'Art 5', '§ 3'].map((l) => ordinalName(l))).toEqual([
      '第八项',
      '第五项',
      '第3项',
      '第8项',
      '第八条',
      '第三条之一',
      'Art 5',
      '§ 3',
    ]);
  });
});
