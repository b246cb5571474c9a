import { compareVersions } from '../../src/engine/compare';
import { staleReferences } from '../../src/engine/reference-warnings';
import {
  clauseTarget,
  findReferences,
  markReferenceOps,
  onlyReferencesFollow,
  renumbering,
} from '../../src/engine/references';
import { referencing1, referencing2 } from '../diff/fixtures';

const show = (text: string) => findReferences(text).map((r) => `${text.slice(r.start, r.end)}|${r.scope}|${r.target}`);
const heads = (text: string) => findReferences(text).map((r) => text.slice(r.start, r.headEnd));

describe('findReferences: Chinese', () => {
  it('finds articles, 之一, 款 and 项 after them, ranges and lists, and the head that renumbering changes', () => {
    const text = '依照本法第二十条第二款第三项的规定；违反第一百八十一条至第一百八十四条、第五十一条之一规定的';
    expect(show(text)).toEqual([
      '第二十条第二款第三项|internal|条:20',
      '第一百八十一条|internal|条:181',
      '第一百八十四条|internal|条:184',
      '第五十一条之一|internal|条:51-1',
    ]);
    expect(heads(text)).toEqual(['第二十条', '第一百八十一条', '第一百八十四条', '第五十一条之一']);
  });

  it('reads 零, full-width digits and chapters, and leaves 节 and counts such as 第二次 alone', () => {
    expect(show('依据本法第三百零一条、第１２条和本法第十一章，第二节，第二次会议')).toEqual([
      '第三百零一条|internal|条:301',
      '第１２条|internal|条:12',
      '第十一章|internal|章:11',
    ]);
  });

  it("tells another law's articles from this one's, and a list keeps the scope of its first member", () => {
    expect(
      show('依照《中华人民共和国刑法》第二十条、第二十一条追究；民法典第十条；该法第三条；本法第五条；本条例第六条'),
    ).toEqual([
      '第二十条|external|条:20',
      '第二十一条|external|条:21',
      '第十条|external|条:10',
      '第三条|external|条:3',
      '第五条|internal|条:5',
      '第六条|internal|条:6',
    ]);
  });

  it('finds 前款, 前两款 and 本条 as relative references (not 本条例)', () => {
    expect(show('前款规定以外的，适用前两款；本条所称；本条例')).toEqual([
      '前款|relative|null',
      '前两款|relative|null',
      '本条|relative|null',
    ]);
  });
});

describe('findReferences: Western', () => {
  it('finds Art. 5, Article 3(2), Artikel 93 Abs. 1 Nr. 4a, § 12a, Section 4.2', () => {
    const text = 'See Art. 5 and Article 3(2); Artikel 93 Abs. 1 Nr. 4a; § 12a applies; Section 4.2 says so.';
    expect(show(text)).toEqual([
      'Art. 5|internal|art:5',
      'Article 3(2)|internal|art:3',
      'Artikel 93 Abs. 1 Nr. 4a|internal|art:93',
      '§ 12a|internal|§:12a',
      'Section 4.2|internal|sec:4',
    ]);
    expect(heads(text)).toEqual(['Art. 5', 'Article 3', 'Artikel 93', '§ 12a', 'Section 4']);
  });

  it('expands §§ 3–5 and Articles 3 and 4, but a singular word takes only a range', () => {
    expect(show('§§ 3–5 and Articles 3 and 4; Art. 7 and 8 months')).toEqual([
      '§§ 3|internal|§:3',
      '5|internal|§:5',
      'Articles 3|internal|art:3',
      '4|internal|art:4',
      'Art. 7|internal|art:7',
    ]);
  });

  it('tells another act (des BGB, BGB) from this one (dieses Gesetzes)', () => {
    expect(show('nach § 288 Abs. 2 des Bürgerlichen Gesetzbuchs, § 5 BGB und § 6 dieses Gesetzes')).toEqual([
      '§ 288 Abs. 2|external|§:288',
      '§ 5|external|§:5',
      '§ 6|internal|§:6',
    ]);
  });
});

describe('clauseTarget and renumbering', () => {
  it('names articles and the divisions whose numbers run through a document', () => {
    expect(clauseTarget('article', '第二十条之一')).toBe('条:20-1');
    expect(clauseTarget('article', '第 十三 条')).toBe('条:13');
    expect(clauseTarget('division', '第三章')).toBe('章:3');
    expect(clauseTarget('division', '第二节')).toBeNull();
    expect(clauseTarget('article', 'Art. 5a')).toBe('art:5a');
    expect(clauseTarget('article', '§5')).toBe('§:5');
    expect(clauseTarget('item', '（二）')).toBeNull();
  });

  it('maps the old number of each kept clause to its new one, leaving out numbers held twice', () => {
    const from = [
      { key: 'a', kind: 'article', label: '第一条' },
      { key: 'b', kind: 'article', label: '第二条' },
      { key: 'c', kind: 'article', label: '第三条' },
    ];
    const to = [
      { key: 'n', kind: 'article', label: '第一条' },
      { key: 'a', kind: 'article', label: '第二条' },
      { key: 'b', kind: 'article', label: '第三条' },
    ];
    expect([...renumbering(from, to)]).toEqual([
      ['条:1', '条:2'],
      ['条:2', '条:3'],
    ]);
    const twice = [...to, { key: 'c', kind: 'article', label: '第三条' }];
    expect(renumbering(from, twice).has('条:2')).toBe(false);
  });

  it('says whether texts differ only in references that follow the map', () => {
    const map = new Map([
      ['条:20', '条:21'],
      ['条:21', '条:22'],
    ]);
    expect(
      onlyReferencesFollow('依照本法第二十条至第二十一条的规定', '依照本法第二十一条至第二十二条的规定', map),
    ).toBe(true);
    expect(onlyReferencesFollow('依照本法第二十条的规定', '依照本法第二十二条的规定', map)).toBe(false);
    expect(onlyReferencesFollow('依照本法第二十条的规定', '依照本法第二十一条规定', map)).toBe(false);
    // Another law's article 20 did not move with this one's.
    expect(onlyReferencesFollow('依照《刑法》第二十条的规定', '依照《刑法》第二十一条的规定', map)).toBe(false);
    expect(onlyReferencesFollow('under Art. 20', 'under Art. 21', new Map([['art:20', 'art:21']]))).toBe(true);
    // The same article written another way is a change of style, not a renumbering followed.
    expect(
      onlyReferencesFollow('依照本法第五条的规定', '依照本法第5条的规定', new Map([['条:5', '条:5'], ...map])),
    ).toBe(false);
  });

  it('marks a deletion and insertion that are a followed reference, and nothing else', () => {
    const map = new Map([['条:20', '条:21']]);
    const ops = markReferenceOps(
      [
        { op: 'equal', text: '依照' },
        { op: 'delete', text: '第二十条' },
        { op: 'insert', text: '第二十一条' },
        { op: 'equal', text: '的规定，' },
        { op: 'delete', text: '处罚' },
        { op: 'insert', text: '从重处罚' },
      ],
      '依照第二十条的规定，处罚',
      '依照第二十一条的规定，从重处罚',
      map,
    );
    expect(ops.map((o) => `${o.op}${o.ref ? '*' : ''}`)).toEqual([
      'equal',
      'delete*',
      'insert*',
      'equal',
      'delete',
      'insert',
    ]);
  });
});

describe('compareVersions: references', () => {
  const [v1, v2] = [referencing1, referencing2];

  it('calls a clause whose only change is a reference that followed the renumbering references, never modified', () => {
    const { summary, changes } = compareVersions(v1, v2, []);
    expect(summary).toMatchObject({ added: 1, renumbered: 1, references: 2, modified: 1 });
    expect(changes.filter((c) => c.type === 'references').map((c) => c.to!.label)).toEqual(['第四条', '第六条']);
    const refs = changes.find((c) => c.to!.label === '第四条')!;
    expect(refs.inline.filter((o) => o.op !== 'equal')).toEqual([
      { op: 'delete', text: '第二条', ref: true },
      { op: 'insert', text: '第三条', ref: true },
    ]);
  });

  it('keeps a clause with a followed reference and another edit modified, the reference ops marked', () => {
    const { changes } = compareVersions(v1, v2, []);
    const d = changes.find((c) => c.to?.key === 'd')!;
    expect(d.type).toBe('modified');
    expect(d.inline.filter((o) => o.ref).map((o) => o.text)).toEqual(['第二条', '第三条']);
    expect(
      d.inline
        .filter((o) => o.op === 'insert' && !o.ref)
        .map((o) => o.text)
        .join(''),
    ).toContain('并通报');
  });

  it('counts references in summary-only comparisons too (the notice after an upload)', () => {
    expect(compareVersions(v1, v2, [], { summaryOnly: true }).summary.references).toBe(2);
  });

  it('keeps a reference changed to a clause that was not renumbered modified', () => {
    const v3 = v1.map((c) => (c.key === 'c' ? { ...c, text: '依照本办法第一条征求的意见，应当在十五日内答复。' } : c));
    expect(compareVersions(v1, v3, []).changes.map((c) => c.type)).toEqual(['modified']);
  });
});

describe('staleReferences', () => {
  const v1 = [
    { key: 'a', kind: 'article', label: '第一条', text: '为了规范起草工作，制定本办法。', path: '第一条' },
    { key: 'b', kind: 'article', label: '第二条', text: '起草组应当广泛征求意见。', path: '第二条' },
    { key: 'x', kind: 'article', label: '第三条', text: '意见应当书面提出。', path: '第三条' },
    {
      key: 'c',
      kind: 'article',
      label: '第四条',
      text: '依照本办法第二条征求的意见，应当答复；书面意见依照第三条提出。',
      path: '第四条',
    },
  ];

  it('warns of a reference that still names the old number, and of one to an article that no longer exists', () => {
    const v2 = [
      v1[0],
      { key: 'n', kind: 'article', label: '第二条', text: '起草组由各部门组成。', path: '第二条' },
      { ...v1[1], label: '第三条', path: '第三条' },
      { ...v1[3], label: '第四条', path: '第四条' },
    ];
    expect(staleReferences(v1, v2)).toEqual([
      { clauseKey: 'c', path: '第四条', reference: '第二条', message: '第四条引用的第二条已改为第三条' },
    ]);
    const v3 = [v1[0], v1[1], v1[3]];
    expect(staleReferences(v1, v3).map((w) => w.message)).toEqual(['第四条引用的第三条已不存在']);
  });

  it('says nothing when the references followed, or were written anew in other words, or name another law', () => {
    const v2 = [
      v1[0],
      { key: 'n', kind: 'article', label: '第二条', text: '起草组由各部门组成。', path: '第二条' },
      { ...v1[1], label: '第三条', path: '第三条' },
      { ...v1[2], label: '第四条', path: '第四条' },
      {
        ...v1[3],
        label: '第五条',
        path: '第五条',
        text: '依照本办法第三条征求的意见，应当答复；书面意见依照第四条提出；《立法法》第二条另有规定。',
      },
    ];
    expect(staleReferences(v1, v2)).toEqual([]);
    const anew = v2.map((c) =>
      c.key === 'c'
        ? {
            ...c,
            text: '起草组由第二条规定的部门组成的，依照本办法第三条征求的意见，应当答复；书面意见依照第四条提出。',
          }
        : c,
    );
    expect(staleReferences(v1, anew)).toEqual([]);
  });

  it('names Western clauses in English', () => {
    const from = [
      { key: 'a', kind: 'article', label: 'Art 1', text: 'Scope.' },
      { key: 'b', kind: 'article', label: 'Art 2', text: 'Under Art. 1 the rules apply.' },
    ];
    const to = [
      { key: 'n', kind: 'article', label: 'Art 1', text: 'Purpose.' },
      { ...from[0], label: 'Art 2' },
      { ...from[1], label: 'Art 3' },
    ];
    expect(staleReferences(from, to).map((w) => w.message)).toEqual(['Art 3 refers to Art. 1, now Art 2']);
  });
});
