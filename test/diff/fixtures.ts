import JSZip from 'jszip';
import { compareVersions, type CompareClause, type KeyEdge } from '../../src/engine/compare';

const clause = (key: string, label: string, text: string): CompareClause => ({
  key,
  label,
  text,
  kind: 'article',
  level: 0,
});

/** Two drafts of a small measure: one edit, one addition, one deletion, one split, one renumbering, one move. */
export const draft1: CompareClause[] = [
  clause('a', '第一条', '为了推动制造业高质量发展，制定本措施。'),
  clause('b', '第二条', '对新引进的企业给予一次性奖励。<script>alert(1)</script>'),
  clause('c', '第三条', '本措施由区工业和信息化局负责解释。'),
  clause('d', '第四条', '支持企业技术改造。\n\n对符合条件的项目给予补贴。'),
  clause('e', '第五条', '鼓励企业上市融资。'),
  clause('f', '第六条', '本措施自发布之日起施行。'),
];

export const draft2: CompareClause[] = [
  clause('a', '第一条', '为了推动制造业高质量发展，结合本区实际，制定本措施。'),
  clause('e', '第二条', '鼓励企业上市融资。'),
  clause('b', '第三条', '对新引进的企业给予一次性奖励。<script>alert(1)</script>'),
  clause('d', '第四条', '支持企业技术改造。'),
  clause('d2', '第五条', '对符合条件的技术改造项目给予最高五百万元补贴。'),
  clause('g', '第六条', '设立制造业发展专项资金。'),
  clause('f', '第七条', '本措施自发布之日起施行。'),
];

export const edges: KeyEdge[] = [{ fromKey: 'd', toKey: 'd2', kind: 'split' }];

export const result = () => compareVersions(draft1, draft2, edges);

/** A new article 2 renumbers the rest; 第四条 and 第六条 change only in references that follow, 第五条 also in words. */
export const referencing1: CompareClause[] = [
  clause('a', '第一条', '为了规范起草工作，制定本办法。'),
  clause('b', '第二条', '起草组应当广泛征求意见。'),
  clause('c', '第三条', '依照本办法第二条征求的意见，应当在十五日内答复。'),
  clause('d', '第四条', '违反本办法第二条规定的，责令改正。'),
  clause('e', '第五条', '本办法第三条的答复应当公开。'),
];

export const referencing2: CompareClause[] = [
  referencing1[0],
  clause('n', '第二条', '起草组由各部门组成。'),
  { ...referencing1[1], label: '第三条' },
  clause('c', '第四条', '依照本办法第三条征求的意见，应当在十五日内答复。'),
  clause('d', '第五条', '违反本办法第三条规定的，责令改正并通报。'),
  clause('e', '第六条', '本办法第四条的答复应当公开。'),
];

/** The word/document.xml of a .docx. */
export async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return zip.file('word/document.xml')!.async('string');
}

/** Table rows in a document.xml. */
export const tableRows = (xml: string) => xml.match(/<w:tr[ >]/g)?.length ?? 0;
