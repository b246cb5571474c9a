import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { OUTCOME_ZH } from '../comments/comments.entities';
import { ConsultationsService } from '../consultations/consultations.service';
import { ReadReplicas } from '../database/read-replicas';
import type { Download } from '../common/download';
import { type DispositionReport, type ReportRow, toCsv, toDocx, toXlsx } from './disposition-report';
import type { ReportFileFormat } from './reports.dto';
import { type ReportCommentRow, ReportsRepository } from './reports.repository';

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
    private readonly replicas: ReadReplicas,
    private readonly repo: ReportsRepository,
  ) {}

  async build(user: AuthUser, consultationId: string): Promise<DispositionReport> {
    const c = await this.consultations.get(user, consultationId);
    // A closed consultation takes no more comments: its report may come from a replica (read-replicas.ts; the drafter
    // who has just decided reads their own decisions from the primary). An open one is read where it is written.
    const closed = new Date(c.closesAt).getTime() <= Date.now();
    const raw: ReportCommentRow[] = await (closed
      ? this.replicas.read((em) => this.repo.openComments(em, consultationId))
      : this.repo.openComments(this.ds.manager, consultationId));
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
    return {
      body,
      mediaType: MEDIA_TYPES[format],
      fileName: `意见采纳情况汇总表.${format}`,
      asciiFileName: `report.${format}`,
    };
  }
}
