import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { OUTCOME_ZH, type Outcome } from '../comments/comments.entities';
import { CURRENT_DECISION } from '../comments/comments.repository';
import { ConsultationsService } from '../consultations/consultations.service';
import type { Download } from '../common/download';
import { type DispositionReport, type ReportRow, toCsv, toDocx, toXlsx } from './disposition-report';
import type { ReportFileFormat } from './reports.dto';

const MEDIA_TYPES: Record<ReportFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const KIND_ZH: Record<string, string> = { amend: '修改', add: '增加', delete: '删除', remark: '其他' };
const UNDECIDED = '未处理';

/** Builds the disposition report of a consultation from its comments and their latest decisions (one query). */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly consultations: ConsultationsService,
  ) {}

  async build(user: AuthUser, consultationId: string): Promise<DispositionReport> {
    const c = await this.consultations.get(user, consultationId);
    const raw: { label: string; path: string | null; commenter: string; grp: string | null; kind: string; body: string; suggestion: string | null; outcome: Outcome | null; reason: string | null }[] =
      await this.ds.query(
        `SELECT coalesce(nullif(cl.label, ''), left(cl.text, 20), '（已删除条款）') AS label, nullif(cl.path, '') AS path, u.display_name AS commenter, g.name AS grp,
                m.kind, m.body, m.suggestion, d.outcome, d.reason
           FROM comments m
           JOIN users u ON u.id = m.author_id LEFT JOIN groups g ON g.id = m.group_id
           LEFT JOIN clauses cl ON cl.version_id = m.version_id AND cl.key = m.clause_key
           LEFT JOIN LATERAL ${CURRENT_DECISION('m')} d ON true
          WHERE m.consultation_id = $1 AND m.status = 'open'
          ORDER BY cl.ordinal NULLS LAST, m.created_at, m.id`,
        [consultationId],
      );
    const rows: ReportRow[] = raw.map((r) => ({
      // Policy items restart their numbering under each heading: the full name says which one.
      clauseLabel: r.path ?? r.label,
      commenter: r.commenter,
      group: r.grp ?? '',
      kind: KIND_ZH[r.kind] ?? r.kind,
      comment: r.body,
      suggestion: r.suggestion ?? '',
      decision: r.outcome ? OUTCOME_ZH[r.outcome] : UNDECIDED,
      reason: r.reason ?? '',
    }));
    const tally = (key: (r: ReportRow) => string) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return [...m.entries()];
    };
    return {
      title: `${c.title} 意见采纳情况汇总表`,
      rows,
      byDecision: tally((r) => r.decision).map(([decision, count]) => ({ decision, count })),
      byGroup: tally((r) => r.group).map(([group, count]) => ({ group, count })),
    };
  }

  /** The report as a file to download (意见采纳情况汇总表.csv / .xlsx / .docx). */
  async file(user: AuthUser, consultationId: string, format: ReportFileFormat): Promise<Download> {
    const r = await this.build(user, consultationId);
    const body = format === 'csv' ? toCsv(r) : format === 'xlsx' ? await toXlsx(r) : await toDocx(r);
    return { body, mediaType: MEDIA_TYPES[format], fileName: `意见采纳情况汇总表.${format}`, asciiFileName: `report.${format}` };
  }
}
