import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthUser } from '../auth/auth.decorators';
import { CommentsService } from '../comments/comments.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { DocumentsService } from '../documents/documents.service';
import { DEMO_DOCUMENT_TITLE, DEMO_VERSIONS } from './demo-texts';

/** Demo logins; printed at start-up and listed in the README (and .ci/run logs in as drafter). For demos only. */
export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' as const, group: null, password: 'harbor-lantern-7' },
  { username: 'drafter', displayName: '起草组 王工', role: 'drafter' as const, group: null, password: 'maple-ledger-42' },
  { username: 'delegate1', displayName: '代表 李明', role: 'delegate' as const, group: '第一代表团', password: 'river-compass-9' },
  { username: 'delegate2', displayName: '代表 陈芳', role: 'delegate' as const, group: '第一代表团', password: 'river-compass-9' },
  { username: 'delegate3', displayName: '代表 赵强', role: 'delegate' as const, group: '第二代表团', password: 'river-compass-9' },
  { username: 'delegate4', displayName: '代表 刘洋', role: 'delegate' as const, group: '第二代表团', password: 'river-compass-9' },
];

/** Loads the demo when the database has no users yet. Returns whether it did. */
export async function loadDemo(app: INestApplication): Promise<boolean> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users`);
  if (n > 0) return false;
  const accounts = app.get(AccountsService);
  const documents = app.get(DocumentsService);
  const groups = new Map<string, string>();
  for (const name of ['第一代表团', '第二代表团']) groups.set(name, (await accounts.createGroup(null, { name, kind: 'delegation' })).id);
  const users = new Map<string, AuthUser>();
  for (const u of DEMO_USERS) {
    const created = await accounts.createUser(null, { ...u, groupId: u.group ? groups.get(u.group)! : null });
    users.set(u.username, created);
  }
  const drafter = users.get('drafter')!;
  const doc = await documents.createDocument(drafter, DEMO_DOCUMENT_TITLE, '起草组：区委政研室、区工信局、区科创局等部门。');
  for (const v of DEMO_VERSIONS) {
    await documents.addVersion(drafter, doc.id, {
      draft: { text: v.text, format: 'text', sourceFormat: 'text', sourceName: null },
      label: v.label,
      stage: v.stage,
      note: v.note,
    });
  }
  await openDemoConsultation(app, doc.id, drafter, users);
  const log = new Logger('Demo');
  log.log(
    `Loaded the demo. Logins: ${DEMO_USERS.map((u) => `${u.username} / ${u.password} (${u.role}${u.group ? `, ${u.group}` : ''})`).join('; ')}`,
  );
  return true;
}

/** The 讨论稿 goes to both delegations for thirty days, with a few comments already in. */
async function openDemoConsultation(app: INestApplication, documentId: string, drafter: AuthUser, users: Map<string, AuthUser>) {
  const versionNumber = DEMO_VERSIONS.length;
  await app.get(ConsultationsService).open(drafter, documentId, {
    versionNumber,
    title: '讨论稿征求党代表意见',
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    audience: 'all',
    visibility: 'drafters',
  });
  const { clauses } = await app.get(DocumentsService).getVersionClauses(documentId, versionNumber);
  const keyOf = (start: string) => clauses.find((c) => c.text.startsWith(start))!.key;
  const comments = app.get(CommentsService);
  const said: [string, Parameters<CommentsService['create']>[3]][] = [
    ['delegate1', { clauseKey: keyOf('培育行业领军企业'), kind: 'amend', body: '奖励标准不够明确，建议写明奖励额度。', suggestion: '给予最高一千万元的一次性奖励' }],
    ['delegate2', { clauseKey: keyOf('培育行业领军企业'), kind: 'amend', body: '建议明确奖励的具体金额。' }],
    ['delegate3', { clauseKey: keyOf('稳定厂房租金'), quote: { exact: '遏制厂房租金不合理上涨' }, kind: 'amend', body: '“遏制”力度不够，建议设定租金涨幅上限。', suggestion: '年租金涨幅不超过百分之五' }],
    ['delegate4', { clauseKey: keyOf('发展跨境电子商务'), kind: 'remark', body: '赞成新增此条，建议配套人才培训。' }],
  ];
  for (const [username, dto] of said) {
    await comments.create(users.get(username)!, documentId, versionNumber, dto, `demo-${username}-${dto.clauseKey}`);
  }
}