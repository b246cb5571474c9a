import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthUser } from '../auth/auth.decorators';
import { DocumentsService } from '../documents/documents.service';
import { DEMO_DOCUMENT_TITLE, DEMO_VERSIONS } from './demo-texts';

/** Demo logins; printed at start-up and listed in the README. For demos only. */
export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' as const, group: null, password: 'admin-demo' },
  { username: 'drafter', displayName: '起草组 王工', role: 'drafter' as const, group: null, password: 'drafter-demo' },
  { username: 'delegate1', displayName: '代表 李明', role: 'delegate' as const, group: '第一代表团', password: 'delegate-demo' },
  { username: 'delegate2', displayName: '代表 陈芳', role: 'delegate' as const, group: '第一代表团', password: 'delegate-demo' },
  { username: 'delegate3', displayName: '代表 赵强', role: 'delegate' as const, group: '第二代表团', password: 'delegate-demo' },
  { username: 'delegate4', displayName: '代表 刘洋', role: 'delegate' as const, group: '第二代表团', password: 'delegate-demo' },
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
  const log = new Logger('Demo');
  log.log(
    `Loaded the demo. Logins: ${DEMO_USERS.map((u) => `${u.username} / ${u.password} (${u.role}${u.group ? `, ${u.group}` : ''})`).join('; ')}`,
  );
  return true;
}
