import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthUser } from '../auth/auth.decorators';
import type { Outcome } from '../comments/comments.entities';
import { CommentsService } from '../comments/comments.service';
import { DecisionsService } from '../comments/decisions.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { DocumentsService } from '../documents/documents.service';
import { DEMO_DOCUMENT_TITLE, DEMO_VERSIONS, DISCUSSION, REVISION } from './demo-texts';

/** Demo logins; printed at start-up and listed in the README (and .ci/run logs in as drafter). For demos only. */
export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' as const, group: null, password: 'harbor-lantern-7' },
  {
    username: 'drafter',
    displayName: '起草组 王工',
    role: 'drafter' as const,
    group: null,
    password: 'maple-ledger-42',
  },
  {
    username: 'delegate1',
    displayName: '代表 李明',
    role: 'delegate' as const,
    group: '第一代表团',
    password: 'river-compass-9',
  },
  {
    username: 'delegate2',
    displayName: '代表 陈芳',
    role: 'delegate' as const,
    group: '第一代表团',
    password: 'river-compass-9',
  },
  {
    username: 'delegate3',
    displayName: '代表 赵强',
    role: 'delegate' as const,
    group: '第二代表团',
    password: 'river-compass-9',
  },
  {
    username: 'delegate4',
    displayName: '代表 刘洋',
    role: 'delegate' as const,
    group: '第二代表团',
    password: 'river-compass-9',
  },
];

/** Loads the demo when the database has no users yet. Returns whether it did. */
export async function loadDemo(app: INestApplication): Promise<boolean> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM users`);
  if (n > 0) return false;
  const started = Date.now();
  const accounts = app.get(AccountsService);
  const documents = app.get(DocumentsService);
  const groups = new Map<string, string>();
  for (const name of ['第一代表团', '第二代表团'])
    groups.set(name, (await accounts.createGroup(null, { name, kind: 'delegation' })).id);
  const users = new Map<string, AuthUser>();
  for (const u of DEMO_USERS) {
    const created = await accounts.createUser(null, { ...u, groupId: u.group ? groups.get(u.group)! : null });
    users.set(u.username, created);
  }
  const drafter = users.get('drafter')!;
  const doc = await documents.createDocument(
    drafter,
    DEMO_DOCUMENT_TITLE,
    '起草组：区委政研室、区工信局、区科创局等部门。',
  );
  const add = async (upTo: number) => {
    for (const v of DEMO_VERSIONS.slice(await documents.listVersions(doc.id).then((vs) => vs.length), upTo)) {
      await documents.addVersion(drafter, doc.id, {
        draft: { text: v.text, format: 'text', sourceFormat: 'text', sourceName: null },
        label: v.label,
        stage: v.stage,
        note: v.note,
      });
    }
  };
  const story = new DemoStory(app, doc.id, drafter, users, groups);
  await add(10);
  await story.symposium();
  await add(12);
  await story.decideSymposium();
  await add(DISCUSSION);
  await story.discussion();
  await add(REVISION);
  await story.decideDiscussion();
  const log = new Logger('Demo');
  log.log(
    `Loaded the demo (${DEMO_VERSIONS.length} versions) in ${Date.now() - started} ms. Logins: ${DEMO_USERS.map((u) => `${u.username} / ${u.password} (${u.role}${u.group ? `, ${u.group}` : ''})`).join('; ')}`,
  );
  return true;
}

/**
 * The comments and decisions of the demo: the 第十稿 discussed with the first delegation (closed; what was adopted was
 * carried out in the 第十一稿 and 第十二稿), then the 讨论稿 open to both delegations for thirty days, some of whose
 * comments the 修改稿 already carries out — and one it says it adopted but did not (the 修改说明's check finds it).
 */
class DemoStory {
  private readonly comments: CommentsService;
  private readonly decisions: DecisionsService;
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly app: INestApplication,
    private readonly documentId: string,
    private readonly drafter: AuthUser,
    private readonly users: Map<string, AuthUser>,
    private readonly groups: Map<string, string>,
  ) {
    this.comments = app.get(CommentsService);
    this.decisions = app.get(DecisionsService);
  }

  private async consult(versionNumber: number, title: string, audience: 'all' | string[], days: number) {
    return this.app.get(ConsultationsService).open(this.drafter, this.documentId, {
      versionNumber,
      title,
      opensAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + days * 86_400_000).toISOString(),
      audience,
      visibility: 'drafters',
    });
  }

  private async say(
    name: string,
    versionNumber: number,
    username: string,
    dto: Omit<Parameters<CommentsService['create']>[3], 'clauseKey'> & { on: string },
  ) {
    const { clauses } = await this.app.get(DocumentsService).getVersionClauses(this.documentId, versionNumber);
    const { on, ...rest } = dto;
    const clauseKey = clauses.find((c) => c.text.startsWith(on))!.key;
    const c = await this.comments.create(
      this.users.get(username)!,
      this.documentId,
      versionNumber,
      { ...rest, clauseKey },
      `demo-${name}`,
    );
    this.ids.set(name, c.comment.id);
  }

  private decide(name: string, outcome: Outcome, reason: string, implementedInVersion?: number) {
    return this.decisions.decide(this.drafter, [this.ids.get(name)!], { outcome, reason, implementedInVersion });
  }

  async symposium() {
    const c = await this.consult(10, '第十稿座谈征求第一代表团意见', [this.groups.get('第一代表团')!], 1);
    await this.say('cluster', 10, 'delegate1', {
      on: '建设产业集群',
      kind: 'amend',
      body: '产业集群离不开公共服务，建议增加建设产业公共服务平台的内容。',
      suggestion: '四是建设产业公共服务平台',
    });
    await this.say('hq', 10, 'delegate2', {
      on: '引进总部型企业',
      kind: 'amend',
      body: '落户奖励按什么期间的贡献计算不清楚，建议写明。',
    });
    await this.say('listing', 10, 'delegate2', {
      on: '支持企业上市',
      kind: 'remark',
      body: '建议对拟上市企业的辅导费用也给予补贴。',
    });
    await this.app.get(ConsultationsService).close(this.drafter, c.id);
  }

  async decideSymposium() {
    await this.decide('cluster', 'adopted', '已增加“四是建设产业公共服务平台”。', 11);
    await this.decide('hq', 'partly_adopted', '明确按落户后三年内的贡献计算；具体标准在实施细则中规定。', 12);
    await this.decide('listing', 'under_study', '拟在上市专项政策中统筹研究。');
  }

  /** The 讨论稿 goes to both delegations for thirty days, with comments from each. */
  async discussion() {
    await this.consult(DISCUSSION, '讨论稿征求党代表意见', 'all', 30);
    await this.say('reward', DISCUSSION, 'delegate1', {
      on: '培育行业领军企业',
      kind: 'amend',
      body: '奖励标准不够明确，建议写明奖励额度。',
      suggestion: '给予最高一千万元的一次性奖励',
    });
    await this.say('reward2', DISCUSSION, 'delegate2', {
      on: '培育行业领军企业',
      kind: 'amend',
      body: '建议明确奖励的具体金额。',
    });
    await this.say('rent', DISCUSSION, 'delegate3', {
      on: '稳定厂房租金',
      quote: { exact: '遏制厂房租金不合理上涨' },
      kind: 'amend',
      body: '“遏制”力度不够，建议设定租金涨幅上限。',
      suggestion: '年租金涨幅不超过百分之五',
    });
    await this.say('ecommerce', DISCUSSION, 'delegate4', {
      on: '发展跨境电子商务',
      kind: 'amend',
      body: '赞成新增此条，建议配套跨境电商人才培训。',
    });
    await this.say('talent', DISCUSSION, 'delegate3', {
      on: '培育技术技能人才',
      kind: 'add',
      body: '建议增加对高技能人才的奖励。',
    });
  }

  async decideDiscussion() {
    await this.decide('reward', 'adopted', '已写明最高一千万元。', REVISION);
    await this.decide('reward2', 'adopted', '与第一代表团意见一并采纳，已写明金额。', REVISION);
    await this.decide(
      'rent',
      'partly_adopted',
      '对政府主导建设的厂房实行涨幅上限管理；社会厂房以监测引导为主。',
      REVISION,
    );
    // said to be carried out in the 修改稿, which did not touch the clause: the 修改说明's check lists it
    await this.decide('ecommerce', 'adopted', '拟在本条增加人才培训内容。', REVISION);
    await this.decide('talent', 'under_study', '高技能人才奖励拟在人才专项政策中统筹考虑。');
  }
}
