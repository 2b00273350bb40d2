import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { CASEWORK_ROLES, Role } from '../auth/roles';
import { forbidden, notFound, ProblemException, ProblemType } from '../problem/problem';

export type CaseAccessMode = 'read' | 'write';

/** What the caller may do with one case. */
export type CaseAccessLevel =
  /** Read and write (subject to state rules such as "closed cases are read-only for consultants"). */
  | 'full'
  /** Shared with the caller's office by a transfer or referral: readable, not writable. */
  | 'read_only'
  /** Restricted case in the caller's office: opening it needs a break-glass reason. */
  | 'break_glass_required'
  /** Invisible: answered as 404. */
  | 'none';

export interface CaseAccessFacts {
  id: string;
  caseNumber: string;
  label: string;
  officeId: string;
  status: 'open' | 'closed' | 'reopened';
  restricted: boolean;
  leadWorkerId: string | null;
  level: CaseAccessLevel;
  assigned: boolean;
}

export interface CaseAccessOptions {
  lock?: 'key share';
}

export interface CaseAccessAssertion extends CaseAccessOptions {
  /**
   * The record to answer "not found" for when the case is out of scope: a
   * record reached through its case (a visit, a plan) is as invisible as its
   * case, and an answer naming the case would tell that the record exists.
   */
  notFoundAs?: string;
}

/** The row `caseAccessSql` answers: the facts `decideCaseAccess` weighs. */
export interface CaseAccessRow {
  id: string;
  case_number: string;
  label: string;
  office_id: string;
  status: CaseAccessFacts['status'];
  restricted: boolean;
  lead_worker_id: string | null;
  co_worker: boolean;
  office_policy: 'office' | 'assigned';
  shared: boolean;
  granted: boolean;
}

/**
 * The statement reading the access facts of case $1 for user $2 of office $3
 * (no row: no such case). Exported so that a write path can read more of the
 * case in the same statement (`caseAccessOf` then decides over its row).
 */
export function caseAccessSql(options: CaseAccessOptions = {}): string {
  return `SELECT c.id, c.case_number, c.label, c.office_id, c.status, c.restricted, c.lead_worker_id,
                 EXISTS (SELECT 1 FROM case_co_workers w WHERE w.case_id = c.id AND w.user_id = $2) AS co_worker,
                 (SELECT o.consultant_scope FROM offices o WHERE o.id = $3) AS office_policy,
                 EXISTS (SELECT 1 FROM case_office_shares s WHERE s.case_id = c.id AND s.office_id = $3) AS shared,
                 EXISTS (SELECT 1 FROM case_access_grants g WHERE g.case_id = c.id AND g.user_id = $2 AND g.expires_at > now()) AS granted
            FROM cases c WHERE c.id = $1${options.lock === 'key share' ? ' FOR KEY SHARE OF c' : ''}`;
}

/** What the caller may do with a 保健相談所 pregnancy record (妊娠届, 妊婦面談, 連絡記録, 産後ケア). */
export type PregnancyRecordAccess = 'full' | 'read_only' | 'none';
/** What the caller may do with one person record. */
export type PersonAccessLevel = 'full' | 'read_only' | 'none';

export interface ScopeCondition {
  /** A boolean SQL expression over the given case alias, with named parameters (TypeORM query builder style). */
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The one place that answers "may this user act on these records?". A record
 * outside the caller's scope is reported as not found (404), never 403, so
 * its existence is not revealed. List queries apply the same rules in SQL
 * (`caseScopeCondition`), never by filtering in memory.
 *
 * Case rules (DOMAIN.md §3):
 * - only consultants and supervisors see case content; liaison, auditor and
 *   admin roles see none through this service;
 * - supervisors see every case of their office, restricted ones included;
 * - consultants see the cases they are assigned to (lead or co-worker), and
 *   the other open cases of their office unless the office's policy is
 *   "assigned only"; a restricted case they are not assigned to needs a
 *   break-glass grant;
 * - an office a case was shared with (transfer, referral, 特定妊婦 hand-over)
 *   reads it but does not write; restricted shared cases only to its supervisors.
 */
@Injectable()
export class AccessService {
  /** Office scope: staff see records of their own office; admins see organisational records of every office. */
  isOfficeInScope(actor: Actor, officeId: string, options: { adminSeesAll?: boolean } = {}): boolean {
    if (options.adminSeesAll && hasRole(actor, Role.Admin)) return true;
    return actor.officeId === officeId;
  }

  assertOfficeInScope(actor: Actor, officeId: string, what: string, options: { adminSeesAll?: boolean } = {}): void {
    if (!this.isOfficeInScope(actor, officeId, options)) throw notFound(what);
  }

  /**
   * Loads the facts that decide access to one case, and the caller's level.
   * Unknown ids give level 'none'. With `lock: 'key share'` the case row is
   * also locked as inserting a record that references it would lock it:
   * writers that must lock the case before other rows take it here, in the
   * same statement.
   */
  async caseAccess(manager: EntityManager, actor: Actor, caseId: string, options: CaseAccessOptions = {}): Promise<CaseAccessFacts> {
    const rows: CaseAccessRow[] = await manager.query(caseAccessSql(options), [caseId, actor.userId, actor.officeId]);
    return this.caseAccessOf(actor, caseId, rows[0]);
  }

  /** `caseAccess`'s answer over the row `caseAccessSql` read (none: no such case). */
  caseAccessOf(actor: Actor, caseId: string, row: CaseAccessRow | undefined): CaseAccessFacts {
    if (!row) return { id: caseId, caseNumber: '', label: '', officeId: '', status: 'open', restricted: false, leadWorkerId: null, level: 'none', assigned: false };
    const assigned = row.lead_worker_id === actor.userId || row.co_worker;
    return {
      id: row.id,
      caseNumber: row.case_number,
      label: row.label,
      officeId: row.office_id,
      status: row.status,
      restricted: row.restricted,
      leadWorkerId: row.lead_worker_id,
      assigned,
      level: decideCaseAccess(actor, { ...row, assigned }),
    };
  }

  /**
   * Throws unless the caller may read (or write) the case: 404 when out of
   * scope, 403 `break-glass-required` for a restricted case that needs a
   * reason first, 403 for writing a case that is only shared for reading.
   */
  async assertCaseAccess(manager: EntityManager, actor: Actor, caseId: string, mode: CaseAccessMode, options: CaseAccessAssertion = {}): Promise<CaseAccessFacts> {
    return this.assertCaseAccessOf(await this.caseAccess(manager, actor, caseId, options), mode, options.notFoundAs);
  }

  /** `assertCaseAccess` over facts already loaded (see `caseAccessOf`). */
  assertCaseAccessOf(facts: CaseAccessFacts, mode: CaseAccessMode, notFoundAs = 'case'): CaseAccessFacts {
    if (facts.level === 'none') throw notFound(notFoundAs);
    if (facts.level === 'break_glass_required') {
      throw new ProblemException({
        status: HttpStatus.FORBIDDEN,
        type: ProblemType.BreakGlassRequired,
        title: 'Restricted case',
        detail: 'This case is restricted. State a reason (break-glass) to open it; the reason is recorded and shown to the supervisors.',
        extensions: { caseId: facts.id },
      });
    }
    if (mode === 'write' && facts.level === 'read_only') throw forbidden('This case is shared with your office for reading only.');
    return facts;
  }

  /**
   * The same rules as `caseAccess` with level 'full' or 'read_only', as a SQL
   * condition over a case alias, for lists, searches, counts and exports.
   * Restricted cases needing break-glass are excluded from lists.
   */
  caseScopeCondition(actor: Actor, alias = 'c'): ScopeCondition {
    const params = { scopeOffice: actor.officeId, scopeUser: actor.userId };
    // The caller's shares, co-worker assignments and grants are read once per query (InitPlans, ids as arrays):
    // each case row is then checked with a cheap `= ANY`, which the planner costs correctly and can index.
    const shared = sharedWithOffice(`${alias}.id`);
    if (hasRole(actor, Role.Supervisor)) {
      return { sql: `(${alias}.office_id = :scopeOffice OR ${shared})`, params };
    }
    if (hasRole(actor, Role.Consultant)) {
      const assigned = `(${alias}.lead_worker_id = :scopeUser OR ${alias}.id = ANY (ARRAY(SELECT w.case_id FROM case_co_workers w WHERE w.user_id = :scopeUser)))`;
      const granted = `${alias}.id = ANY (ARRAY(SELECT g.case_id FROM case_access_grants g WHERE g.user_id = :scopeUser AND g.expires_at > now()))`;
      const openInOffice = `${alias}.status <> 'closed' AND (NOT ${alias}.restricted OR ${granted})`;
      // The office's rule, as the token check read it: stated in the SQL, PostgreSQL estimates an office-wide
      // consultant's cases as the office's open cases. Read by the SQL itself (unknown to the planner, which
      // prices it at 0.5% and then expects a consultant to see 456 of 30,000 cases), it made lists sort every
      // row where an index walk would stop after a page.
      const ownOffice =
        actor.consultantScope === undefined
          ? `(${assigned} OR ((SELECT o.consultant_scope FROM offices o WHERE o.id = :scopeOffice) = 'office' AND ${openInOffice}))`
          : actor.consultantScope === 'office'
            ? `(${assigned} OR (${openInOffice}))`
            : assigned;
      return {
        sql: `((${alias}.office_id = :scopeOffice AND ${ownOffice}) OR (${shared} AND NOT ${alias}.restricted))`,
        params,
      };
    }
    return { sql: 'false', params: {} };
  }
  /**
   * A superset of `caseScopeCondition` over columns a record copies from its
   * case (its office and case id): the case is in the caller's office or
   * shared with it. It decides nothing alone — always AND it with the exact
   * scope — but lets the database start from the office's own rows through
   * an index on the record's office (an OR of two indexable conditions, which
   * PostgreSQL answers with a BitmapOr) rather than from the whole ward.
   */
  officeOrSharedNarrowing(actor: Actor, officeColumn: string, caseIdColumn: string): ScopeCondition {
    if (!hasRole(actor, Role.Supervisor, Role.Consultant)) return { sql: 'false', params: {} };
    return {
      sql: `(${officeColumn} = :scopeOffice OR ${sharedWithOffice(caseIdColumn)})`,
      params: { scopeOffice: actor.officeId },
    };
  }

  /**
   * `officeOrSharedNarrowing` as two disjoint conditions: the office's own
   * rows, then those of cases of other offices shared with it. A list reads
   * each part in the order of an index on the record's office and merges the
   * two; with the OR, PostgreSQL reads and sorts every matching row of the
   * office for each page.
   */
  officeOrSharedPartitions(actor: Actor, officeColumn: string, caseIdColumn: string): [ScopeCondition, ScopeCondition] {
    if (!hasRole(actor, Role.Supervisor, Role.Consultant)) return [{ sql: 'false', params: {} }, { sql: 'false', params: {} }];
    const params = { scopeOffice: actor.officeId };
    return [
      { sql: `${officeColumn} = :scopeOffice`, params },
      {
        sql: `${officeColumn} <> :scopeOffice AND ${sharedWithOffice(caseIdColumn)}`,
        params,
      },
    ];
  }

  /**
   * Whether `officeOrSharedNarrowing` is the caller's whole case scope — a
   * supervisor's is exactly the office's cases and the cases shared with it
   * (see `caseScopeCondition`) — so that records carrying their case's office
   * can be counted without looking the cases up.
   */
  narrowingIsScope(actor: Actor): boolean {
    return hasRole(actor, Role.Supervisor);
  }

  /** Answers the office's type; unknown offices answer null. */
  async officeType(manager: EntityManager, officeId: string): Promise<'child_family_support_center' | 'health_center' | null> {
    const rows: Array<{ type: 'child_family_support_center' | 'health_center' }> = await manager.query(`SELECT type FROM offices WHERE id = $1`, [officeId]);
    return rows[0]?.type ?? null;
  }

  /** Programme work that only a 保健相談所 does (妊娠届, 妊婦面談, 産後ケア): 403 for staff of other offices. */
  async assertHealthCenterStaff(manager: EntityManager, actor: Actor): Promise<void> {
    if ((await this.officeType(manager, actor.officeId)) !== 'health_center') {
      throw forbidden('妊娠届・妊婦面談・産後ケアは保健相談所の職員が記録します。');
    }
  }

  /**
   * Pregnancy records belong to the receiving 保健相談所: its consultants and
   * supervisors read and write all of them (every expectant mother is
   * interviewed, so there is no assignment). Once a pregnancy is linked to a
   * case (特定妊婦), whoever may read that case — the 子ども家庭支援センター it
   * was handed to — reads the pregnancy records too, but does not write them.
   * Everyone else: none (404).
   */
  async pregnancyRecordAccess(manager: EntityManager, actor: Actor, record: { officeId: string; caseId: string | null }): Promise<PregnancyRecordAccess> {
    if (!hasRole(actor, ...CASEWORK_ROLES)) return 'none';
    if (record.officeId === actor.officeId) return 'full';
    if (!record.caseId) return 'none';
    const facts = await this.caseAccess(manager, actor, record.caseId);
    if (facts.level === 'none') return 'none';
    // A restricted case needs its break-glass reason first; the same answer as for the case itself.
    if (facts.level === 'break_glass_required') await this.assertCaseAccess(manager, actor, record.caseId, 'read');
    return 'read_only';
  }

  /** 404 out of scope; 403 when writing a record the caller may only read through a linked case. */
  async assertPregnancyRecordAccess(manager: EntityManager, actor: Actor, record: { officeId: string; caseId: string | null }, mode: CaseAccessMode, what: string): Promise<void> {
    const level = await this.pregnancyRecordAccess(manager, actor, record);
    if (level === 'none') throw notFound(what);
    if (mode === 'write' && level === 'read_only') throw forbidden('この記録は保健相談所の記録です。子ども家庭支援センターからは閲覧のみできます。');
  }

  /**
   * `pregnancyRecordAccess` as SQL over the record's office and linked-case
   * columns (e.g. 'n.office_id', 'n.case_id'), for lists, counts and reports.
   */
  pregnancyRecordScopeCondition(actor: Actor, officeColumn: string, caseColumn: string): ScopeCondition {
    const parts = this.pregnancyRecordScopeParts(actor, officeColumn, caseColumn);
    if (parts.length === 0) return { sql: 'false', params: {} };
    return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, params: Object.assign({}, ...parts.map((p) => p.params)) };
  }

  /**
   * The same rule as two disjoint halves — records of the caller's own office,
   * and other offices' records linked to a case in the caller's scope — so a
   * list can keyset-scan each half by its own index and merge the two pages
   * (an OR across both makes PostgreSQL sort the whole office). Empty for
   * roles without case content.
   */
  pregnancyRecordScopeParts(actor: Actor, officeColumn: string, caseColumn: string): ScopeCondition[] {
    if (!hasRole(actor, ...CASEWORK_ROLES)) return [];
    const cases = this.caseScopeCondition(actor, 'prc');
    const params = { ...cases.params, scopeOffice: actor.officeId };
    return [
      { sql: `${officeColumn} = :scopeOffice`, params },
      {
        sql: `${officeColumn} <> :scopeOffice AND ${caseColumn} IS NOT NULL AND EXISTS (SELECT 1 FROM cases prc WHERE prc.id = ${caseColumn} AND ${cases.sql})`,
        params,
      },
    ];
  }

  /**
   * Person scope (casework roles only), as a SQL condition over a person alias:
   * a person is visible through any case in the caller's case scope, or to
   * the office that registered them — unless they belong to a restricted case
   * the caller cannot open, so a DV family's members never surface in search.
   */
  personScopeCondition(actor: Actor, alias = 'p'): ScopeCondition {
    if (!hasRole(actor, Role.Supervisor, Role.Consultant)) return { sql: 'false', params: {} };
    const scope = this.caseScopeCondition(actor, 'sc');
    const hidden = this.caseScopeCondition(actor, 'hc');
    // Both checks run per candidate person through the member index. OFFSET 0 keeps the planner from turning
    // them into hashed sets of every case of the ward (10-100x slower for a search that looks at a few hundred rows).
    const viaCase = `EXISTS (SELECT 1 FROM case_members sm JOIN cases sc ON sc.id = sm.case_id WHERE sm.person_id = ${alias}.id AND ${scope.sql} OFFSET 0)`;
    // Only members of some restricted case (in_restricted_case, kept by triggers) need the look-up of their cases;
    // for everyone else the registering office decides, read from the office/kana index. "Not in scope" is IS NOT
    // TRUE, not NOT: the scope is NULL, not false, for a case without a lead worker, and NOT NULL would let the case
    // pass as one the caller may open.
    const registered =
      `(${alias}.office_id = :scopeOffice AND (NOT ${alias}.in_restricted_case OR NOT EXISTS (SELECT 1 FROM case_members hm JOIN cases hc ON hc.id = hm.case_id ` +
      `WHERE hm.person_id = ${alias}.id AND hc.restricted AND (${hidden.sql}) IS NOT TRUE OFFSET 0)))`;
    return { sql: `(${registered} OR ${viaCase})`, params: scope.params };
  }

  /**
   * Person search splits the persons it may return into the registering
   * office's own (read through the ordered office/kana index) and the few
   * registered elsewhere but seen through a case (person_case_offices, a
   * superset kept by triggers). Each part must still be ANDed with
   * `personScopeCondition`, which alone decides; this only narrows the rows
   * the database looks at.
   */
  personSearchPartitions(actor: Actor, alias = 'p'): [ScopeCondition, ScopeCondition] {
    const params = { scopeOffice: actor.officeId };
    return [
      { sql: `${alias}.office_id = :scopeOffice`, params },
      {
        sql: `(${alias}.office_id <> :scopeOffice AND ${alias}.id = ANY (ARRAY(SELECT x.person_id FROM person_case_offices x WHERE x.office_id = :scopeOffice)))`,
        params,
      },
    ];
  }

  /**
   * Persons the caller may edit: visible ones registered by their office, or
   * members of a case of their office in scope. A person seen only through a
   * case shared for reading is read-only.
   */
  personWriteCondition(actor: Actor, alias = 'p'): ScopeCondition {
    if (!hasRole(actor, Role.Supervisor, Role.Consultant)) return { sql: 'false', params: {} };
    const visible = this.personScopeCondition(actor, alias);
    const scope = this.caseScopeCondition(actor, 'wc');
    const ownCase = `EXISTS (SELECT 1 FROM case_members wm JOIN cases wc ON wc.id = wm.case_id WHERE wm.person_id = ${alias}.id AND wc.office_id = :scopeOffice AND ${scope.sql})`;
    return { sql: `(${visible.sql} AND (${alias}.office_id = :scopeOffice OR ${ownCase}))`, params: visible.params };
  }

  /** The caller's level on one person, decided by the same SQL as the lists. Unknown ids give 'none'. */
  async personAccess(manager: EntityManager, actor: Actor, personId: string): Promise<{ level: PersonAccessLevel; officeId: string | null }> {
    const visible = this.personScopeCondition(actor, 'p');
    const writable = this.personWriteCondition(actor, 'p');
    const row = await manager
      .createQueryBuilder()
      .select('p.office_id', 'office_id')
      .addSelect(visible.sql, 'visible')
      .addSelect(writable.sql, 'writable')
      .from('persons', 'p')
      .where('p.id = :personId', { personId })
      .setParameters({ ...visible.params, ...writable.params })
      .getRawOne<{ office_id: string; visible: boolean; writable: boolean }>();
    if (!row || !row.visible) return { level: 'none', officeId: row?.office_id ?? null };
    return { level: row.writable ? 'full' : 'read_only', officeId: row.office_id };
  }

  /** Throws 404 when the person is out of scope, 403 when only readable and `write` was asked. */
  async assertPersonAccess(manager: EntityManager, actor: Actor, personId: string, mode: CaseAccessMode): Promise<{ level: PersonAccessLevel; officeId: string }> {
    const access = await this.personAccess(manager, actor, personId);
    if (access.level === 'none' || access.officeId === null) throw notFound('person');
    if (mode === 'write' && access.level === 'read_only') throw forbidden('This person is visible to your office through a shared case, for reading only.');
    return { level: access.level, officeId: access.officeId };
  }

  // ---- 送致, inbound centre requests and joint case conferences (issue 8) ----

  /**
   * Referrals (送致) are seen by the case's office, under the case's own
   * scope (an unassigned consultant does not see the referral of a
   * restricted case), and, once a supervisor has approved them, by the
   * liaison (都児相連携担当), who sees what the referral carries and never
   * the case itself. Expects the referral as `r` joined to its case as `c`.
   */
  referralScopeCondition(actor: Actor, r = 'r', c = 'c'): ScopeCondition {
    const parts: string[] = [];
    let params: Record<string, unknown> = {};
    if (hasRole(actor, Role.Supervisor, Role.Consultant)) {
      const cases = this.caseScopeCondition(actor, c);
      parts.push(`(${r}.office_id = :scopeOffice AND ${cases.sql})`);
      params = { ...cases.params };
    }
    if (hasRole(actor, Role.Liaison)) parts.push(`${r}.approved_at IS NOT NULL`);
    return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : { sql: 'false', params: {} };
  }

  /** The single-record form of `referralScopeCondition`: 404 out of scope; the case's 403s for its office. */
  async assertReferralAccess(manager: EntityManager, actor: Actor, referralId: string, mode: CaseAccessMode): Promise<ReferralAccessFacts> {
    const rows: Array<{ id: string; case_id: string; office_id: string; author_id: string; approved_at: Date | null }> = await manager.query(
      `SELECT id, case_id, office_id, author_id, approved_at FROM referrals WHERE id = $1`,
      [referralId],
    );
    const row = rows[0];
    if (!row) throw notFound('referral');
    const liaison = hasRole(actor, Role.Liaison) && row.approved_at !== null;
    const facts = { id: row.id, caseId: row.case_id, officeId: row.office_id, authorId: row.author_id };
    if (hasRole(actor, Role.Supervisor, Role.Consultant) && row.office_id === actor.officeId) {
      try {
        await this.assertCaseAccess(manager, actor, row.case_id, mode);
        return { ...facts, via: 'office' };
      } catch (error) {
        if (!liaison) throw error;
      }
    }
    if (liaison) return { ...facts, via: 'liaison' };
    throw notFound('referral');
  }

  /**
   * Inbound centre requests (事案送致, 指導措置委託): the liaison who records
   * them sees all of them; the supervisors of the office they were handed to
   * see theirs; a consultant of that office sees those they lead or whose
   * case is in their scope. Expects the request as `q` LEFT JOINed to its
   * case as `c`.
   */
  centreRequestScopeCondition(actor: Actor, q = 'q', c = 'c'): ScopeCondition {
    const parts: string[] = [];
    let params: Record<string, unknown> = { scopeOffice: actor.officeId, scopeUser: actor.userId };
    if (hasRole(actor, Role.Liaison)) parts.push('true');
    if (hasRole(actor, Role.Supervisor)) parts.push(`${q}.office_id = :scopeOffice`);
    else if (hasRole(actor, Role.Consultant)) {
      const cases = this.caseScopeCondition(actor, c);
      params = { ...params, ...cases.params };
      parts.push(`(${q}.office_id = :scopeOffice AND (${q}.lead_worker_id = :scopeUser OR (${q}.case_id IS NOT NULL AND ${cases.sql})))`);
    }
    return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : { sql: 'false', params: {} };
  }

  async assertCentreRequestAccess(manager: EntityManager, actor: Actor, requestId: string, mode: CaseAccessMode): Promise<CentreRequestAccessFacts> {
    const rows: Array<{ id: string; office_id: string; lead_worker_id: string | null; case_id: string | null }> = await manager.query(
      `SELECT id, office_id, lead_worker_id, case_id FROM centre_requests WHERE id = $1`,
      [requestId],
    );
    const row = rows[0];
    if (!row) throw notFound('centre request');
    const facts = { id: row.id, officeId: row.office_id, leadWorkerId: row.lead_worker_id, caseId: row.case_id };
    const liaison = hasRole(actor, Role.Liaison);
    if (row.office_id === actor.officeId) {
      if (hasRole(actor, Role.Supervisor) || (hasRole(actor, Role.Consultant) && row.lead_worker_id === actor.userId)) return { ...facts, via: 'office' };
      if (hasRole(actor, Role.Consultant) && row.case_id) {
        try {
          await this.assertCaseAccess(manager, actor, row.case_id, mode);
          return { ...facts, via: 'office' };
        } catch (error) {
          if (!liaison) throw error;
        }
      }
    }
    if (liaison) return { ...facts, via: 'liaison' };
    throw notFound('centre request');
  }

  /**
   * Joint case conferences belong to the office that held them: its
   * consultants and supervisors see the record, and of the cases discussed
   * only those in their own case scope (`caseScopeCondition` on the case rows).
   */
  caseConferenceScopeCondition(actor: Actor, f = 'f'): ScopeCondition {
    if (!hasRole(actor, Role.Supervisor, Role.Consultant)) return { sql: 'false', params: {} };
    return { sql: `${f}.office_id = :scopeOffice`, params: { scopeOffice: actor.officeId } };
  }

  async assertCaseConferenceAccess(manager: EntityManager, actor: Actor, conferenceId: string): Promise<{ id: string; officeId: string; createdBy: string }> {
    const rows: Array<{ id: string; office_id: string; created_by: string }> = await manager.query(`SELECT id, office_id, created_by FROM case_conferences WHERE id = $1`, [conferenceId]);
    const row = rows[0];
    if (!row || !hasRole(actor, Role.Supervisor, Role.Consultant) || row.office_id !== actor.officeId) throw notFound('case conference');
    return { id: row.id, officeId: row.office_id, createdBy: row.created_by };
  }
}

/** How the caller reaches a referral: as staff of the case's office, or as the liaison. */
export interface ReferralAccessFacts {
  id: string;
  caseId: string;
  officeId: string;
  authorId: string;
  via: 'office' | 'liaison';
}

export interface CentreRequestAccessFacts {
  id: string;
  officeId: string;
  leadWorkerId: string | null;
  caseId: string | null;
  via: 'office' | 'liaison';
}

/** The decision table behind `caseAccess`, kept pure so it can be unit-tested row by row. */
export function decideCaseAccess(
  actor: Pick<Actor, 'officeId' | 'roles'>,
  c: { office_id: string; status: string; restricted: boolean; assigned: boolean; office_policy: 'office' | 'assigned'; shared: boolean; granted: boolean },
): CaseAccessLevel {
  const supervisor = hasRole(actor as Actor, Role.Supervisor);
  const consultant = hasRole(actor as Actor, Role.Consultant);
  if (!supervisor && !consultant) return 'none';
  if (c.office_id === actor.officeId) {
    if (supervisor || c.assigned) return 'full';
    if (c.office_policy === 'assigned' || c.status === 'closed') return 'none';
    if (c.restricted && !c.granted) return 'break_glass_required';
    return 'full';
  }
  if (c.shared && (!c.restricted || supervisor)) return 'read_only';
  return 'none';
}

/**
 * The case id in `caseIdColumn` is one of the cases shared with the caller's
 * office (`:scopeOffice`): the shares are read once per query (an InitPlan
 * array) and each row checked with a cheap `= ANY`.
 */
function sharedWithOffice(caseIdColumn: string): string {
  return `${caseIdColumn} = ANY (ARRAY(SELECT s.case_id FROM case_office_shares s WHERE s.office_id = :scopeOffice))`;
}
