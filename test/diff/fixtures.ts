import { compareVersions, CompareClause, KeyEdge } from '../../src/engine/compare';

const clause = (key: string, label: string, text: string): CompareClause => ({ key, label, text, kind: 'article', level: 0 });

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
