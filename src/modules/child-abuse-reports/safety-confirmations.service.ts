import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { businessRule, invalidTransition, validationFailed } from '../../common/problem/problem';
import { AuditNote } from '../audit/audited.decorator';
import { ChildAbuseReportStatus } from './child-abuse-report.entity';
import { ChildAbuseReportsService, FUTURE_SKEW_MS } from './child-abuse-reports.service';
import { ChildAbuseReportView, RecordSafetyConfirmationDto } from './dto/child-abuse-report.dto';
import { ReportReminders } from './report-reminders';
import { rule48Result } from './rule48';

/**
 * 安全確認 (直接目視): records who saw which children, when and how. When
 * every child concerned has been seen, the report's clock closes: the time
 * the last child was seen and whether that was within 48 hours are stored
 * for the measures, and the reminders are cancelled.
 */
@Injectable()
export class SafetyConfirmationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ChildAbuseReportsService,
    private readonly reminders: ReportReminders,
  ) {}

  async record(actor: Actor, reportId: string, dto: RecordSafetyConfirmationDto, note: AuditNote): Promise<ChildAbuseReportView> {
    if (!dto.seenByUserId && !dto.seenByName) {
      throw validationFailed([{ field: 'seenByUserId', code: 'seen_by_required', message: '直接目視した職員（seenByUserId）又は確認者（seenByName）を指定してください。' }]);
    }
    const confirmedAt = new Date(dto.confirmedAt);
    if (confirmedAt.getTime() > Date.now() + FUTURE_SKEW_MS) throw validationFailed([{ field: 'confirmedAt', code: 'future_date', message: '確認日時が未来です。' }]);

    return this.dataSource.transaction(async (manager) => {
      const report = await this.reports.lockForWrite(manager, actor, reportId, note, 'allow');
      if (report.status !== ChildAbuseReportStatus.Received) throw invalidTransition(report.status, 'record_safety_confirmation', report.status === ChildAbuseReportStatus.SafetyConfirmed ? ['assess'] : []);
      if (confirmedAt.getTime() < report.receivedAt.getTime()) {
        throw validationFailed([{ field: 'confirmedAt', code: 'before_receipt', message: '確認日時が通告の受理日時より前です。' }]);
      }
      if (dto.seenByUserId) {
        const user: unknown[] = await manager.query(`SELECT 1 FROM users WHERE id = $1 AND active`, [dto.seenByUserId]);
        if (user.length === 0) throw validationFailed([{ field: 'seenByUserId', code: 'unknown_user', message: '職員が見つかりません。' }]);
      }
      const children: Array<{ person_id: string; seen_at: Date | null }> = await manager.query(`SELECT person_id, seen_at FROM child_abuse_report_children WHERE report_id = $1`, [reportId]);
      const concerned = new Set(children.map((c) => c.person_id));
      const unseen = children.filter((c) => c.seen_at === null).map((c) => c.person_id);
      const seenNow = dto.childIds ?? unseen;
      seenNow.forEach((id, index) => {
        if (!concerned.has(id)) throw validationFailed([{ field: `childIds[${index}]`, code: 'not_concerned', message: 'この通告の対象児童ではありません。' }]);
      });
      const newlySeen = seenNow.filter((id) => unseen.includes(id));
      if (newlySeen.length === 0) throw businessRule('Every child named here has already been seen for this report.');

      const [confirmation]: Array<{ id: string }> = await manager.query(
        `INSERT INTO safety_confirmations (report_id, confirmed_at, method, seen_by_user_id, seen_by_name, place, notes, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [reportId, confirmedAt, dto.method, dto.seenByUserId ?? null, dto.seenByName ?? null, dto.place ?? null, dto.notes ?? null, actor.userId],
      );
      await manager.query(`UPDATE child_abuse_report_children SET seen_at = $3, safety_confirmation_id = $4 WHERE report_id = $1 AND person_id = ANY($2::uuid[])`, [
        reportId,
        newlySeen,
        confirmedAt,
        confirmation.id,
      ]);
      note.details = { safetyConfirmationId: confirmation.id, childIds: newlySeen };

      if (newlySeen.length === unseen.length) {
        const [last]: Array<{ seen_at: Date }> = await manager.query(`SELECT max(seen_at) AS seen_at FROM child_abuse_report_children WHERE report_id = $1`, [reportId]);
        report.status = ChildAbuseReportStatus.SafetyConfirmed;
        report.safetyConfirmedAt = last.seen_at;
        report.rule48Result = rule48Result(report.receivedAt, last.seen_at);
        await manager.save(report);
        await this.reminders.cancelSafetyConfirmation(manager, reportId);
        note.details.rule48Result = report.rule48Result;
      }
      return this.reports.get(actor, reportId, manager);
    });
  }
}
