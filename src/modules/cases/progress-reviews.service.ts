import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQuery, toPage } from '../../common/pagination/keyset';
import { notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { AuditNote } from '../audit/audited.decorator';
import { assertCaseStateAction } from './case-lifecycle';
import { CaseReminders } from './case-reminders';
import { lockCaseForWrite } from './cases.service';
import { ProgressReviewView, RecordProgressReviewDto, ReviewIntervalView, UpdateReviewIntervalDto } from './dto/progress-review.dto';
import { SUPPORT_LEVEL_LABELS, SupportLevel } from './entities/case.entity';
import { PROGRESS_REVIEW_DECISION_LABELS, ProgressReviewDecision, ProgressReviewInterval } from './entities/progress-review.entity';
import { nextReviewAfter, reviewIntervalMonths } from './progress-review-schedule';

interface ReviewRow {
  id: string;
  case_id: string;
  reviewed_on: string;
  attendees: string[];
  assessment: string;
  decision: ProgressReviewDecision;
  decision_notes: string | null;
  next_review_on: string;
  recorded_by: string;
  recorded_by_name: string;
  created_at: Date;
}

const REVIEW_SELECT = `SELECT r.id, r.case_id, r.reviewed_on, r.attendees, r.assessment, r.decision, r.decision_notes, r.next_review_on,
                              r.recorded_by, u.display_name AS recorded_by_name, r.created_at
                         FROM case_progress_reviews r JOIN users u ON u.id = r.recorded_by`;

/**
 * 進行管理: recording a review moves the case's next review date (given, or
 * the interval of its support level after the review) and the reminder with it.
 */
@Injectable()
export class ProgressReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: CaseReminders,
  ) {}

  async record(actor: Actor, caseId: string, dto: RecordProgressReviewDto, note: AuditNote): Promise<ProgressReviewView> {
    if (dto.reviewedOn > todayInJapan()) throw validationFailed([{ field: 'reviewedOn', code: 'future_date', message: '実施日が未来の日付です。' }]);
    if (dto.nextReviewOn !== undefined && dto.nextReviewOn <= dto.reviewedOn) {
      throw validationFailed([{ field: 'nextReviewOn', code: 'not_after_review', message: '次回予定日は実施日より後の日付にしてください。' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const found = await lockCaseForWrite(manager, this.access, actor, caseId);
      assertCaseStateAction(found.status, 'edit');
      const nextReviewOn = dto.nextReviewOn ?? nextReviewAfter(dto.reviewedOn, await reviewIntervalMonths(manager, found.supportLevel));
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO case_progress_reviews (case_id, reviewed_on, attendees, assessment, decision, decision_notes, next_review_on, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [caseId, dto.reviewedOn, dto.attendees, dto.assessment, dto.decision, dto.decisionNotes ?? null, nextReviewOn, actor.userId],
      );
      // The latest review decides the next one, even when an older review is entered afterwards.
      const [latest]: Array<{ next_review_on: string }> = await manager.query(
        `SELECT next_review_on FROM case_progress_reviews WHERE case_id = $1 ORDER BY reviewed_on DESC, created_at DESC, id DESC LIMIT 1`,
        [caseId],
      );
      found.nextReviewOn = latest.next_review_on;
      await manager.query(`UPDATE cases SET next_review_on = $2, version = version + 1, updated_at = now() WHERE id = $1`, [caseId, found.nextReviewOn]);
      await this.reminders.scheduleProgressReview(manager, found);
      note.details = { progressReviewId: row.id, nextReviewOn: found.nextReviewOn };
      return this.review(manager, caseId, row.id);
    });
  }

  async list(actor: Actor, caseId: string, query: PageQuery): Promise<Page<ProgressReviewView>> {
    await this.access.assertCaseAccess(this.dataSource.manager, actor, caseId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const params: unknown[] = [caseId, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = `AND (r.reviewed_on, r.id) < (CAST($3 AS date), CAST($4 AS uuid))`;
    }
    const rows: ReviewRow[] = await this.dataSource.query(`${REVIEW_SELECT} WHERE r.case_id = $1 ${keyset} ORDER BY r.reviewed_on DESC, r.id DESC LIMIT $2`, params);
    const total = Number((await this.dataSource.query(`SELECT count(*) AS n FROM case_progress_reviews WHERE case_id = $1`, [caseId]))[0].n);
    return { ...toPage(rows.map(toView), limit, (r) => [r.reviewedOn, r.id]), total };
  }

  async intervals(): Promise<ReviewIntervalView[]> {
    const rows = await this.dataSource.getRepository(ProgressReviewInterval).find({ order: { supportLevel: 'ASC' } });
    return rows.map(toIntervalView);
  }

  /** Configuration change: applies to the next reviews computed, not retroactively to dates already set. */
  async updateInterval(actor: Actor, supportLevel: SupportLevel, dto: UpdateReviewIntervalDto): Promise<ReviewIntervalView> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ProgressReviewInterval);
      const row = await repo.findOne({ where: { supportLevel }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('progress review interval');
      if (row.version !== dto.version) throw versionConflict();
      row.intervalMonths = dto.intervalMonths;
      row.updatedBy = actor.userId;
      return toIntervalView(await repo.save(row));
    });
  }

  private async review(manager: EntityManager, caseId: string, id: string): Promise<ProgressReviewView> {
    const [row]: ReviewRow[] = await manager.query(`${REVIEW_SELECT} WHERE r.id = $1 AND r.case_id = $2`, [id, caseId]);
    if (!row) throw notFound('progress review');
    return toView(row);
  }
}

function toView(row: ReviewRow): ProgressReviewView {
  return {
    id: row.id,
    caseId: row.case_id,
    reviewedOn: row.reviewed_on,
    attendees: row.attendees,
    assessment: row.assessment,
    decision: row.decision,
    decisionLabel: PROGRESS_REVIEW_DECISION_LABELS[row.decision],
    decisionNotes: row.decision_notes,
    nextReviewOn: row.next_review_on,
    recordedBy: row.recorded_by,
    recordedByName: row.recorded_by_name,
    createdAt: row.created_at,
  };
}

function toIntervalView(row: ProgressReviewInterval): ReviewIntervalView {
  return { supportLevel: row.supportLevel, supportLevelLabel: SUPPORT_LEVEL_LABELS[row.supportLevel], intervalMonths: row.intervalMonths, version: row.version, updatedAt: row.updatedAt };
}
