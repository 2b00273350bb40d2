import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { cappedTotal, countUpToSql } from '../../common/pagination/capped-total';
import { instantKeySql } from '../../common/pagination/instant-key';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQuery, toPage } from '../../common/pagination/keyset';
import { conflict, notFound, validationFailed } from '../../common/problem/problem';
import { namedRows } from '../../database/named-sql';
import { AuditNote } from '../audit/audited.decorator';
import { AuditEvent } from '../audit/audit-event.entity';
import { assertCaseStateAction } from './case-lifecycle';
import { CaseEventView, CaseNoteView, CorrectCaseNoteDto, CreateCaseNoteDto, TimelineEntry, TimelineQuery } from './dto/timeline.dto';
import { CASE_EVENT_KIND_LABELS, CaseEventKind } from './entities/case-event.entity';
import { CONTACT_TYPE_LABELS, ContactType } from './entities/case-note.entity';
import { CaseStatus } from './entities/case.entity';

/**
 * The timeline counts its entries up to this many: a family followed for
 * years gathers thousands (every visit, note and review), and the count is
 * taken again on every page.
 */
export const TIMELINE_COUNT_CAP = 1000;

/** One timeline entry as `caseTimelineSql` reads it. */
interface TimelineRow {
  id: string;
  source: string;
  occurred_at: Date;
  author_id: string | null;
  author_name: string | null;
  kind: string;
  title: string;
  summary: string | null;
  details: Record<string, unknown> | null;
  sort_key: string;
}

/**
 * The timeline's statements, with named parameters (`:caseId`, `:take`, and
 * `:afterAt`/`:afterSource`/`:afterId` for a keyset page), built here so the
 * bench's bare handler runs exactly the same SQL. The count stops at
 * TIMELINE_COUNT_CAP + 1 (read it with `cappedTotal`). A page reads its keys
 * first (time, source, id: from the sources' indexes) and then the entries of
 * those keys only: the view works out each entry's summary and details, and
 * sorting whole entries did that for the case's entire history on every page
 * (9.5 ms warm for a family with 1,117 visits, 3.3 ms this way). `onePass`
 * sorts whole entries: for a timeline no longer than the page (see
 * `timelinePageSql`).
 */
export function caseTimelineSql(filters: { sources?: string[]; after: boolean }): { count: string; page: string; onePass: string; params: Record<string, unknown> } {
  const where = ['t.case_id = :caseId', ...(filters.sources ? ['t.source = ANY(:sources)'] : [])];
  const keyset = '(t.occurred_at, t.source, t.entry_id) < (CAST(:afterAt AS timestamptz), CAST(:afterSource AS text), CAST(:afterId AS uuid))';
  const order = 't.occurred_at DESC, t.source DESC, t.entry_id DESC';
  const columns = `t.entry_id AS id, t.source AS source, t.occurred_at AS occurred_at, t.author_id AS author_id, u.display_name AS author_name,
             t.kind AS kind, t.title AS title, t.summary AS summary, t.details AS details, ${instantKeySql('t.occurred_at')} AS sort_key`;
  return {
    count: countUpToSql(`SELECT 1 FROM case_timeline t WHERE ${where.join(' AND ')}`, ':countCap'),
    page: `
      WITH page AS MATERIALIZED (
        SELECT t.occurred_at, t.source, t.entry_id FROM case_timeline t
         WHERE ${[...where, ...(filters.after ? [keyset] : [])].join(' AND ')}
         ORDER BY ${order} LIMIT :take)
      SELECT ${columns}
        FROM case_timeline t
        JOIN page p ON p.occurred_at = t.occurred_at AND p.source = t.source AND p.entry_id = t.entry_id
        LEFT JOIN users u ON u.id = t.author_id
       WHERE t.case_id = :caseId AND t.entry_id = ANY (ARRAY(SELECT p.entry_id FROM page p))
       ORDER BY ${order}`,
    onePass: `
      SELECT ${columns}
        FROM case_timeline t
        LEFT JOIN users u ON u.id = t.author_id
       WHERE ${[...where, ...(filters.after ? [keyset] : [])].join(' AND ')}
       ORDER BY ${order} LIMIT :take`,
    params: { countCap: TIMELINE_COUNT_CAP + 1, ...(filters.sources ? { sources: filters.sources } : {}) },
  };
}

/**
 * Which page statement to run, once the count is known. A timeline of no
 * more entries than the page takes (most families: a visit a month and a few
 * notes) is read in one pass: reading the view twice, keys and then entries,
 * cost 35-45% more database CPU than one pass (0.35-0.53 ms against
 * 0.21-0.36 for ten entries at the 1m scale), and pays off only when there
 * are more entries than the page shows. Past the cursor there are no more
 * entries than counted; a count at its cap says nothing of the length, so it
 * never chooses one pass, whatever page size a caller asks for.
 */
export function timelinePageSql(sql: { page: string; onePass: string }, counted: number, take: number): string {
  return counted <= take && counted <= TIMELINE_COUNT_CAP ? sql.onePass : sql.page;
}

/** Allowance for clocks: a contact may be recorded a few minutes "ahead". */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

interface NoteRow {
  id: string;
  case_id: string;
  occurred_at: Date;
  author_id: string;
  author_name: string;
  contact_type: ContactType;
  text: string;
  corrects_note_id: string | null;
  correction_reason: string | null;
  corrected_by_note_id: string | null;
  created_at: Date;
}

/**
 * 経過記録: notes (never edited or deleted; a correction is a new note that
 * points at the old one), and the merged timeline of the case, read from the
 * `case_timeline` view that every feature extends by registering a source
 * view (see migrations/1764300000002-case-timeline.ts).
 */
@Injectable()
export class CaseTimelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async addNote(actor: Actor, caseId: string, dto: CreateCaseNoteDto, note: AuditNote): Promise<CaseNoteView> {
    const occurredAt = checkOccurredAt(dto.occurredAt);
    return this.dataSource.transaction(async (manager) => {
      await this.writable(manager, actor, caseId);
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO case_notes (case_id, occurred_at, author_id, contact_type, text) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [caseId, occurredAt, actor.userId, dto.contactType, dto.text],
      );
      note.details = { noteId: row.id };
      return this.note(manager, caseId, row.id);
    });
  }

  /** A correction is a new note; only the latest version of a note can be corrected. */
  async correctNote(actor: Actor, caseId: string, noteId: string, dto: CorrectCaseNoteDto, note: AuditNote): Promise<CaseNoteView> {
    note.reason = dto.reason;
    return this.dataSource.transaction(async (manager) => {
      await this.writable(manager, actor, caseId);
      const original = await this.note(manager, caseId, noteId);
      if (original.correctedByNoteId) {
        throw conflict('This note has already been corrected; correct the latest version instead.', { latestNoteId: original.correctedByNoteId });
      }
      const occurredAt = dto.occurredAt ? checkOccurredAt(dto.occurredAt) : original.occurredAt;
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO case_notes (case_id, occurred_at, author_id, contact_type, text, corrects_note_id, correction_reason) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [caseId, occurredAt, actor.userId, dto.contactType ?? original.contactType, dto.text, noteId, dto.reason],
      );
      note.details = { noteId: row.id, correctsNoteId: noteId };
      return this.note(manager, caseId, row.id);
    });
  }

  async getNote(actor: Actor, caseId: string, noteId: string, note: AuditNote): Promise<CaseNoteView> {
    await this.access.assertCaseAccess(this.dataSource.manager, actor, caseId, 'read');
    note.details = { noteId };
    return this.note(this.dataSource.manager, caseId, noteId);
  }

  /** Notes, case history and every registered source, newest first. */
  async timeline(actor: Actor, caseId: string, query: TimelineQuery): Promise<Page<TimelineEntry>> {
    const manager = this.dataSource.manager;
    await this.access.assertCaseAccess(manager, actor, caseId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 3);
    const sql = caseTimelineSql({ sources: query.sources?.split(','), after: after !== null });
    const params = { ...sql.params, caseId, take: limit + 1, ...(after ? { afterAt: after[0], afterSource: after[1], afterId: after[2] } : {}) };
    const [{ n }] = await namedRows<{ n: number }>(manager, sql.count, params);
    const rows = await namedRows<TimelineRow>(manager, timelinePageSql(sql, Number(n), params.take), params);
    const page = toPage(rows, limit, (row) => [row.sort_key, row.source, row.id]);
    return {
      items: page.items.map((row) => ({
        id: row.id,
        source: row.source,
        occurredAt: row.occurred_at,
        authorId: row.author_id,
        authorName: row.author_name,
        kind: row.kind,
        title: row.title,
        summary: row.summary,
        details: row.details,
      })),
      nextCursor: page.nextCursor,
      ...cappedTotal(Number(n), TIMELINE_COUNT_CAP),
    };
  }

  /** The case's history (who did what, when and why), readable by every office that can read the case. */
  async history(actor: Actor, caseId: string, query: PageQuery): Promise<Page<CaseEventView>> {
    const manager = this.dataSource.manager;
    await this.access.assertCaseAccess(manager, actor, caseId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = manager
      .createQueryBuilder()
      .select(['e.id AS id', 'e.kind AS kind', 'e.occurred_at AS occurred_at', 'e.actor_id AS actor_id', 'u.display_name AS actor_name', 'e.actor_office_id AS actor_office_id'])
      .addSelect(['e.reason AS reason', 'e.details AS details'])
      .addSelect(instantKeySql('e.occurred_at'), 'sort_key')
      .from('case_events', 'e')
      .leftJoin('users', 'u', 'u.id = e.actor_id')
      .where('e.case_id = :caseId', { caseId });
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(e.occurred_at, e.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', { afterAt: after[0], afterId: after[1] });
    const rows = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1)
      .getRawMany<{ id: string; kind: CaseEventKind; occurred_at: Date; actor_id: string | null; actor_name: string | null; actor_office_id: string | null; reason: string | null; details: Record<string, unknown> | null; sort_key: string }>();
    const page = toPage(rows, limit, (row) => [row.sort_key, row.id]);
    return {
      items: page.items.map((row) => ({
        id: row.id,
        kind: row.kind,
        kindLabel: CASE_EVENT_KIND_LABELS[row.kind],
        occurredAt: row.occurred_at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        actorOfficeId: row.actor_office_id,
        reason: row.reason,
        details: row.details,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The audit trail of one case (reads, changes, break-glass) for the
   * supervisors of every office that can read it — after a transfer, both.
   */
  async auditTrail(actor: Actor, caseId: string, query: PageQuery): Promise<Page<AuditEvent>> {
    await this.access.assertCaseAccess(this.dataSource.manager, actor, caseId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e').where(`e.resource_type = 'case' AND e.resource_id = :caseId`, { caseId });
    const after = decodeCursor(query.cursor, 1);
    if (after) qb.andWhere('e.id < :after', { after: after[0] });
    const rows = await qb.orderBy('e.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit, (e) => [Number(e.id)]);
  }

  private async writable(manager: EntityManager, actor: Actor, caseId: string): Promise<void> {
    // A share lock: notes may be added side by side, but not while the case is being closed or handed over. Taken
    // before the access check, which then reads the case as the change that held the lock left it.
    const [found]: Array<{ status: CaseStatus }> = await manager.query(`SELECT status FROM cases WHERE id = $1 FOR SHARE`, [caseId]);
    await this.access.assertCaseAccess(manager, actor, caseId, 'write');
    if (!found) throw notFound('case');
    assertCaseStateAction(found.status, 'edit');
  }

  private async note(manager: EntityManager, caseId: string, noteId: string): Promise<CaseNoteView> {
    const [row]: NoteRow[] = await manager.query(
      `SELECT n.id, n.case_id, n.occurred_at, n.author_id, u.display_name AS author_name, n.contact_type, n.text, n.corrects_note_id, n.correction_reason,
              (SELECT c.id FROM case_notes c WHERE c.corrects_note_id = n.id) AS corrected_by_note_id, n.created_at
         FROM case_notes n JOIN users u ON u.id = n.author_id
        WHERE n.id = $1 AND n.case_id = $2`,
      [noteId, caseId],
    );
    if (!row) throw notFound('note');
    return {
      id: row.id,
      caseId: row.case_id,
      occurredAt: row.occurred_at,
      authorId: row.author_id,
      authorName: row.author_name,
      contactType: row.contact_type,
      contactTypeLabel: CONTACT_TYPE_LABELS[row.contact_type],
      text: row.text,
      correctsNoteId: row.corrects_note_id,
      correctionReason: row.correction_reason,
      correctedByNoteId: row.corrected_by_note_id,
      createdAt: row.created_at,
    };
  }
}

function checkOccurredAt(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + FUTURE_SKEW_MS) {
    throw validationFailed([{ field: 'occurredAt', code: 'future_date', message: '日時が未来です。' }]);
  }
  return at;
}
