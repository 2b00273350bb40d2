import { Role } from '../../src/common/auth/roles';
import { addDays, todayInJapan } from '../../src/common/time/japan-time';
import { createCase, createFacility, createPerson } from '../factories/casework';
import { createStaff, interviewBody, notificationBody } from '../factories/pregnancy';
import { createShortStayFacility, createShortStayRecord } from '../factories/short-stays';
import { HttpResult, TestApp } from '../harness/test-app';

/**
 * The record-level access matrix (issue 10, item 5): one registry entry per
 * RESOURCE — a route URL up to and including its first path parameter — with
 * one record per variant that applies to it, made through the real API (or
 * the factories where the API has no way to make them), and the documented
 * outcome of reading each of them per role. Each entry lists its variants;
 * the registry's acting users are consultant1 / supervisor1 (練馬), or
 * nurse1 / supervisor3 (豊玉保健相談所) for the pregnancy programme.
 *
 * Variants:
 * - `own`: in the acting staff's office, not restricted, and deliberately NOT
 *   assigned to the acting consultant (the lead worker is a colleague), so the
 *   consultant reaches it only through the office-wide rule of the main
 *   centre (consultant_scope 'office'): the weakest path that must still
 *   answer 200;
 * - `otherOffice`: the same kind of record in another office (貫井 for the
 *   centres, 北保健相談所 for the pregnancy programme);
 * - `restricted`: in the acting office, on a restricted case the acting
 *   consultant is not assigned to (case-bound resources only);
 * - `closed`: in the acting office, closed, not assigned to the acting
 *   consultant (consultants see only the open cases of their office);
 * - `shared`: another office's case shared with the acting office (a transfer
 *   or referral): readable, never writable (cases only);
 * - `linked` / `linkedRestricted`: another 保健相談所's pregnancy record read
 *   through a case (see PREGNANCY_VARIANTS);
 * - `otherUser`: another user's record (notifications: an inbox entry is its
 *   user's only).
 *
 * Every record's free text carries SECRET, so a test can check that no
 * refusal ever echoes record content.
 */
export const SECRET = 'MX秘匿';

export type Variant = 'own' | 'otherOffice' | 'restricted' | 'closed' | 'shared' | 'linked' | 'linkedRestricted' | 'otherUser';
/** An HTTP status, or 'break-glass' = 403 with code `break-glass-required`. */
export type Outcome = 200 | 403 | 404 | 'break-glass';
export type ReadRules = Partial<Record<Role, Partial<Record<Variant, Outcome>>>>;

export interface VariantRecord {
  id: string;
  /** Values for the other path parameters of the resource's sub-routes (noteId, reportId, ...). */
  params?: Record<string, string>;
}

export interface ResourceEntry {
  resource: string;
  /** Which login acts for each role (default: consultant1, supervisor1, liaison, auditor, admin). */
  actors?: Partial<Record<Role, string>>;
  variants: Variant[];
  setup(ctx: FixtureContext): Promise<Partial<Record<Variant, VariantRecord>>>;
  /** Expected outcome of every GET under the resource, per role allowed by the route × variant. */
  reads: ReadRules;
  /** Per GET route (`GET /api/v1/...`), rules replacing `reads`. */
  readOverrides?: Record<string, ReadRules>;
  /**
   * Variants every non-GET route must refuse, per role. Default: the
   * variants whose read outcome for that role is not 200 (what one may not
   * read, one may not write).
   */
  writeOutOfScope?: Partial<Record<Role, Variant[]>>;
  /**
   * How to take a snapshot of an out-of-scope record, as someone who may see
   * it, to prove the refused writes changed nothing. Default: GET the
   * resource as `owners[variant]`.
   */
  owners?: Partial<Record<Variant, string>>;
  snapshot?(ctx: FixtureContext, variant: Variant, record: VariantRecord): Promise<unknown>;
}

export interface FixtureContext {
  t: TestApp;
  token(login: string): Promise<string>;
  userId(login: string): Promise<string>;
  office(code: string): Promise<string>;
}

export const DEFAULT_ACTORS: Record<Role, string> = {
  [Role.Consultant]: 'consultant1',
  [Role.Supervisor]: 'supervisor1',
  [Role.Liaison]: 'liaison',
  [Role.Auditor]: 'auditor',
  [Role.Admin]: 'admin',
};
const PREGNANCY_ACTORS: Partial<Record<Role, string>> = { [Role.Consultant]: 'nurse1', [Role.Supervisor]: 'supervisor3' };

/** Staff the fixtures need besides the demo users (all sign in with the demo password). */
export async function createMatrixStaff(t: TestApp): Promise<void> {
  await createStaff(t.dataSource, 'mx-colleague', 'CFS-NERIMA', ['consultant']);
  await createStaff(t.dataSource, 'mx-nurse-kita', 'HC-KITA', ['consultant']);
  await createStaff(t.dataSource, 'mx-supervisor-kita', 'HC-KITA', ['supervisor']);
}

// ---- shared outcomes ----

/** Case-bound records: the case rules of AccessService (DOMAIN §3). */
const CASE_READS: ReadRules = {
  [Role.Consultant]: { own: 200, otherOffice: 404, restricted: 'break-glass', closed: 404 },
  [Role.Supervisor]: { own: 200, otherOffice: 404, restricted: 200, closed: 200 },
};
/** Records of an office with no case of their own (rounds, conferences): every casework staff of the office. */
const OFFICE_READS: ReadRules = {
  [Role.Consultant]: { own: 200, otherOffice: 404 },
  [Role.Supervisor]: { own: 200, otherOffice: 404 },
};
/** Organisational records every signed-in role reads, whatever the office. */
const EVERYONE_READS = (roles: Role[]): ReadRules => Object.fromEntries(roles.map((r) => [r, { own: 200, otherOffice: 200 }]));

/** Owners who read the out-of-scope records back for the unchanged check. */
const CASE_OWNERS: Partial<Record<Variant, string>> = { otherOffice: 'supervisor2', restricted: 'supervisor1', closed: 'supervisor1' };

// ---- helpers ----

function created<T = any>(res: HttpResult<T>, what: string, status = 201): T {
  if (res.status !== status) throw new Error(`fixture ${what}: ${res.status} ${res.text.slice(0, 400)}`);
  return res.body;
}

interface Family {
  caseId: string;
  childId: string;
  motherId: string;
}

/**
 * A family case: a child and a mother, led by `lead`. `restricted` cases are
 * made open and restricted afterwards (`restrictCases`) so their records can
 * be written through the API first.
 */
async function family(ctx: FixtureContext, officeCode: string, lead: string, tag: string, sharedWith: string[] = []): Promise<Family> {
  const officeId = await ctx.office(officeCode);
  const childId = await createPerson(ctx.t.dataSource, { officeId, kind: 'child', nameKanji: `${SECRET} 児${tag}`, birthDate: '2019-06-01' });
  const motherId = await createPerson(ctx.t.dataSource, { officeId, kind: 'guardian', nameKanji: `${SECRET} 母${tag}`, birthDate: '1990-01-15', sex: 'female' });
  const c = await createCase(ctx.t.dataSource, {
    officeId,
    leadWorkerId: await ctx.userId(lead),
    label: `${SECRET} 世帯 ${tag}`,
    sharedWithOfficeIds: await Promise.all(sharedWith.map((code) => ctx.office(code))),
    members: [
      { personId: childId, relationship: 'child' },
      { personId: motherId, relationship: 'mother' },
    ],
  });
  return { caseId: c.id, childId, motherId };
}

/** The families of a case-bound resource: Nerima (colleague's), Nukui (consultant2's), Nerima restricted, Nerima closed. */
async function families(ctx: FixtureContext, tag: string): Promise<Record<CaseVariant, Family>> {
  return {
    own: await family(ctx, 'CFS-NERIMA', 'mx-colleague', `${tag}-own`),
    otherOffice: await family(ctx, 'CFS-NUKUI', 'consultant2', `${tag}-other`),
    restricted: await family(ctx, 'CFS-NERIMA', 'mx-colleague', `${tag}-restricted`),
    closed: await family(ctx, 'CFS-NERIMA', 'mx-colleague', `${tag}-closed`),
  };
}

async function restrict(ctx: FixtureContext, f: Family): Promise<void> {
  await ctx.t.dataSource.query(`UPDATE cases SET restricted = true WHERE id = $1`, [f.caseId]);
}

async function closeCase(ctx: FixtureContext, caseId: string): Promise<void> {
  await ctx.t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = 'テスト終結' WHERE id = $1`, [caseId]);
}

/** Who writes for each family: a worker of the case's office. */
type CaseVariant = 'own' | 'otherOffice' | 'restricted' | 'closed';
const WRITER: Record<CaseVariant, string> = { own: 'mx-colleague', otherOffice: 'consultant2', restricted: 'mx-colleague', closed: 'mx-colleague' };
const SUPERVISOR: Record<CaseVariant, string> = { own: 'supervisor1', otherOffice: 'supervisor2', restricted: 'supervisor1', closed: 'supervisor1' };
const OFFICE: Record<CaseVariant, string> = { own: 'CFS-NERIMA', otherOffice: 'CFS-NUKUI', restricted: 'CFS-NERIMA', closed: 'CFS-NERIMA' };
const CASE_VARIANTS: CaseVariant[] = ['own', 'otherOffice', 'restricted', 'closed'];

/** Builds one record per case-bound variant on that variant's family, then restricts the restricted one and closes the closed one. */
async function perFamily(ctx: FixtureContext, tag: string, make: (f: Family, v: CaseVariant) => Promise<VariantRecord>): Promise<Record<CaseVariant, VariantRecord>> {
  const fams = await families(ctx, tag);
  const out = {} as Record<CaseVariant, VariantRecord>;
  for (const v of CASE_VARIANTS) out[v] = await make(fams[v], v);
  await restrict(ctx, fams.restricted);
  await closeCase(ctx, fams.closed.caseId);
  return out;
}

const today = () => todayInJapan();

/**
 * Pregnancy records belong to the receiving 保健相談所, with no assignment and
 * no restriction of their own: own (豊玉) and otherOffice (北). A record
 * linked to a case reads, read-only, for whoever may read the case: `linked`
 * is a 北 record whose (Nerima) case is shared with 豊玉, `linkedRestricted`
 * the same with a restricted case, which a shared office's consultants may
 * not open at all (AccessService.pregnancyRecordAccess, decideCaseAccess).
 */
const PREGNANCY_VARIANTS: Variant[] = ['own', 'otherOffice', 'linked', 'linkedRestricted'];
const PREGNANCY_READS: ReadRules = {
  [Role.Consultant]: { own: 200, otherOffice: 404, linked: 200, linkedRestricted: 404 },
  [Role.Supervisor]: { own: 200, otherOffice: 404, linked: 200, linkedRestricted: 200 },
};
const PREGNANCY_WRITES_OUT_OF_SCOPE: Partial<Record<Role, Variant[]>> = {
  [Role.Consultant]: ['otherOffice', 'linked', 'linkedRestricted'],
  [Role.Supervisor]: ['otherOffice', 'linked', 'linkedRestricted'],
};
const PREGNANCY_OWNERS: Partial<Record<Variant, string>> = { otherOffice: 'mx-supervisor-kita', linked: 'mx-supervisor-kita', linkedRestricted: 'mx-supervisor-kita' };


// ---- the registry ----

export const RECORD_REGISTRY: ResourceEntry[] = [
  {
    resource: '/api/v1/cases/:id',
    variants: [...CASE_VARIANTS, 'shared'],
    // A case Nukui shared with Nerima (transfer): both read it (history, timeline, audit trail), only Nukui writes.
    reads: {
      [Role.Consultant]: { ...CASE_READS[Role.Consultant], shared: 200 },
      [Role.Supervisor]: { ...CASE_READS[Role.Supervisor], shared: 200 },
    },
    writeOutOfScope: { [Role.Consultant]: ['otherOffice', 'restricted', 'closed', 'shared'], [Role.Supervisor]: ['otherOffice', 'shared'] },
    owners: { ...CASE_OWNERS, shared: 'supervisor2' },
    setup: async (ctx) => {
      const note = async (f: Family, writer: string, v: string): Promise<VariantRecord> => {
        const body = { occurredAt: new Date().toISOString(), contactType: 'phone', text: `${SECRET} 経過 ${v}` };
        const n = created(await ctx.t.post(`/api/v1/cases/${f.caseId}/notes`, { token: await ctx.token(writer), body }), `case note ${v}`);
        return { id: f.caseId, params: { noteId: n.id, personId: f.childId } };
      };
      const records: Partial<Record<Variant, VariantRecord>> = await perFamily(ctx, 'case', (f, v) => note(f, WRITER[v], v));
      records.shared = await note(await family(ctx, 'CFS-NUKUI', 'consultant2', 'case-shared', ['CFS-NERIMA']), 'consultant2', 'shared');
      return records;
    },
  },
  {
    resource: '/api/v1/persons/:id',
    variants: CASE_VARIANTS,
    // A member of a restricted case is hidden from those who cannot open the case: 404, not 403 (person scope).
    reads: {
      // A member of a closed case stays visible to the office that registered them.
      [Role.Consultant]: { own: 200, otherOffice: 404, restricted: 404, closed: 200 },
      [Role.Supervisor]: { own: 200, otherOffice: 404, restricted: 200, closed: 200 },
    },
    owners: CASE_OWNERS,
    setup: (ctx) => perFamily(ctx, 'person', async (f) => ({ id: f.childId })),
  },
  {
    resource: '/api/v1/child-abuse-reports/:id',
    variants: CASE_VARIANTS,
    reads: CASE_READS,
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'report', async (f, v) => {
        const body = {
          receivedAt: new Date(Date.now() - 60_000).toISOString(),
          source: 'school',
          sourceDetail: `${SECRET} 通告元 ${v}`,
          abuseTypes: ['physical'],
          urgency: 'b',
          summary: `${SECRET} 通告内容 ${v}`,
          caseId: f.caseId,
          childIds: [f.childId],
        };
        return { id: created(await ctx.t.post('/api/v1/child-abuse-reports', { token: await ctx.token(WRITER[v]), body }), `report ${v}`).id };
      }),
  },
  {
    resource: '/api/v1/watch-visit-plans/:id',
    variants: CASE_VARIANTS,
    reads: CASE_READS,
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'plan', async (f, v) => {
        const body = { caseId: f.caseId, frequency: 'weekly', startOn: today(), purpose: `${SECRET} 計画 ${v}` };
        return { id: created(await ctx.t.post('/api/v1/watch-visit-plans', { token: await ctx.token(WRITER[v]), body }), `plan ${v}`).id };
      }),
  },
  {
    resource: '/api/v1/watch-visits/:id',
    variants: CASE_VARIANTS,
    reads: CASE_READS,
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'visit', async (f, v) => {
        const body = {
          caseId: f.caseId,
          visitorIds: [await ctx.userId(WRITER[v])],
          visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
          outcome: 'not_done',
          notDoneReason: 'no_one_home',
          notes: `${SECRET} 訪問 ${v}`,
        };
        return { id: created(await ctx.t.post('/api/v1/watch-visits', { token: await ctx.token(WRITER[v]), body }), `visit ${v}`).id };
      }),
  },
  {
    resource: '/api/v1/children-of-concern/:id',
    variants: CASE_VARIANTS,
    reads: CASE_READS,
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'concern', async (f, v) => {
        const facilityId = await createFacility(ctx.t.dataSource, { officeId: await ctx.office(OFFICE[v]), type: 'nursery' });
        const body = { caseId: f.caseId, personId: f.childId, facilityId, startOn: addDays(today(), -60), className: `${SECRET} 組 ${v}` };
        return { id: created(await ctx.t.post('/api/v1/children-of-concern', { token: await ctx.token(WRITER[v]), body }), `concern ${v}`).id };
      }),
  },
  {
    resource: '/api/v1/attendance-reports/:id',
    variants: CASE_VARIANTS,
    reads: CASE_READS,
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'attendance', async (f, v) => {
        const token = await ctx.token(WRITER[v]);
        const facilityId = await createFacility(ctx.t.dataSource, { officeId: await ctx.office(OFFICE[v]), type: 'elementary_school' });
        const flag = created(
          await ctx.t.post('/api/v1/children-of-concern', { token, body: { caseId: f.caseId, personId: f.childId, facilityId, startOn: addDays(today(), -90) } }),
          `attendance flag ${v}`,
        );
        const month = addDays(today(), -40).slice(0, 7);
        const body = { childOfConcernId: flag.id, month, daysAttended: 18, daysAbsent: 2, absencesExplained: true, longestConsecutiveAbsence: 1, receivedOn: addDays(today(), -5), notes: `${SECRET} 出欠 ${v}` };
        return { id: created(await ctx.t.post('/api/v1/attendance-reports', { token, body }), `attendance report ${v}`).id };
      }),
  },
  {
    resource: '/api/v1/short-stays/:id',
    variants: CASE_VARIANTS,
    reads: CASE_READS,
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'stay', async (f, v) => {
        const officeId = await ctx.office(OFFICE[v]);
        const facilityId = await createShortStayFacility(ctx.t.dataSource, { officeId, name: `${SECRET} 施設 ${v}` });
        const id = await createShortStayRecord(ctx.t.dataSource, {
          officeId,
          caseId: f.caseId,
          childId: f.childId,
          facilityId,
          firstNight: addDays(today(), 20),
          lastNight: addDays(today(), 21),
          requestedBy: await ctx.userId(WRITER[v]),
        });
        return { id };
      }),
  },
  {
    resource: '/api/v1/referrals/:id',
    variants: CASE_VARIANTS,
    // Approved referrals: the liaison reads every approved referral, of any office, restricted case or not.
    reads: { ...CASE_READS, [Role.Liaison]: { own: 200, otherOffice: 200, restricted: 200, closed: 200 } },
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'referral', async (f, v) => {
        const author = await ctx.token(WRITER[v]);
        const body = {
          caseId: f.caseId,
          urgency: 'b',
          legalBasis: 'measures',
          requestedMeasures: ['temporary_protection'],
          reason: `${SECRET} 送致理由 ${v}`,
          supportHistory: '見守り訪問を継続。',
          riskSummary: '再発のおそれ。',
          latestAssessment: '重度。',
          latestAssessmentOn: addDays(today(), -3),
          requestDetails: '一時保護の検討。',
          childIds: [f.childId],
          guardianIds: [f.motherId],
        };
        const r = created(await ctx.t.post('/api/v1/referrals', { token: author, body }), `referral ${v}`);
        created(await ctx.t.post(`/api/v1/referrals/${r.id}/submit`, { token: author, body: {} }), `referral submit ${v}`, 200);
        created(await ctx.t.post(`/api/v1/referrals/${r.id}/approve`, { token: await ctx.token(SUPERVISOR[v]), body: {} }), `referral approve ${v}`, 200);
        return { id: r.id };
      }),
  },
  {
    resource: '/api/v1/centre-requests/:id',
    variants: CASE_VARIANTS,
    // Led by a colleague: the consultant reads it through its case; the liaison reads every request.
    reads: { ...CASE_READS, [Role.Liaison]: { own: 200, otherOffice: 200, restricted: 200, closed: 200 } },
    readOverrides: {
      // The fixture's report is a draft: the liaison sees only reports that passed review (approved, sent).
      'GET /api/v1/centre-requests/:id/progress-reports/:reportId': { ...CASE_READS, [Role.Liaison]: { own: 404, otherOffice: 404, restricted: 404, closed: 404 } },
    },
    owners: CASE_OWNERS,
    setup: async (ctx) => {
      const out = {} as Record<CaseVariant, VariantRecord>;
      const caseIds: Record<string, string> = {};
      for (const v of CASE_VARIANTS) {
        const body = {
          kind: 'entrusted_guidance',
          reportingIntervalMonths: 3,
          measureStartOn: today(),
          centreCaseNumber: `児セ8-MX-${v}`,
          centreContact: '児童福祉司 佐藤',
          receivedOn: today(),
          reason: `${SECRET} 依頼理由 ${v}`,
          conditions: '月1回の家庭訪問',
          officeId: await ctx.office(OFFICE[v]),
          children: [{ nameKanji: `${SECRET} 児童 ${v}`, nameKana: 'まとりくす こ', birthDate: '2021-09-14', sex: 'female' }],
        };
        const request = created(await ctx.t.post('/api/v1/centre-requests', { token: await ctx.token('liaison'), body }), `centre request ${v}`);
        const assigned = created(
          await ctx.t.post(`/api/v1/centre-requests/${request.id}/assign`, {
            token: await ctx.token(SUPERVISOR[v]),
            body: { leadWorkerId: await ctx.userId(WRITER[v]), newCase: { label: `${SECRET} 依頼世帯 ${v}`, supportLevel: 'support_required', abuseTypes: ['psychological'] } },
          }),
          `centre request assign ${v}`,
          200,
        );
        caseIds[v] = assigned.caseId;
        const lead = await ctx.token(WRITER[v]);
        created(await ctx.t.post(`/api/v1/centre-requests/${request.id}/start`, { token: lead, body: {} }), `centre request start ${v}`, 200);
        const report = created(await ctx.t.post(`/api/v1/centre-requests/${request.id}/progress-reports`, { token: lead, body: { childStatus: `${SECRET} 経過 ${v}` } }), `progress report ${v}`);
        out[v] = { id: request.id, params: { reportId: report.id } };
      }
      await ctx.t.dataSource.query(`UPDATE cases SET restricted = true WHERE id = $1`, [caseIds.restricted]);
      await closeCase(ctx, caseIds.closed);
      return out;
    },
  },
  {
    resource: '/api/v1/case-conferences/:id',
    // A conference belongs to the office that held it (a restricted case discussed there is filtered from the
    // case rows, not from the conference): no restricted variant.
    variants: ['own', 'otherOffice'],
    reads: OFFICE_READS,
    owners: { otherOffice: 'supervisor2' },
    setup: async (ctx) => {
      const out: Partial<Record<Variant, VariantRecord>> = {};
      for (const v of ['own', 'otherOffice'] as const) {
        const f = await family(ctx, OFFICE[v], WRITER[v], `conf-${v}`);
        const owner = await ctx.userId(WRITER[v]);
        const body = {
          type: 'individual_case',
          heldOn: today(),
          startTime: '14:00',
          location: '会議室',
          summary: `${SECRET} 会議 ${v}`,
          cases: [{ caseId: f.caseId, decision: '在宅支援を継続。' }],
          attendees: [{ organisationKind: 'ward_office', userId: owner }],
          actions: [{ caseId: f.caseId, description: `${SECRET} 宿題 ${v}`, ownerId: owner, dueOn: addDays(today(), 7) }],
        };
        const conf = created(await ctx.t.post('/api/v1/case-conferences', { token: await ctx.token(SUPERVISOR[v]), body }), `conference ${v}`);
        out[v] = { id: conf.id, params: { actionId: conf.actions?.[0]?.id ?? '00000000-0000-4000-8000-000000000000' } };
      }
      return out;
    },
  },
  {
    resource: '/api/v1/facility-rounds/:id',
    // Rounds are the office's (children in them are shown per case scope): no restricted variant.
    variants: ['own', 'otherOffice'],
    reads: OFFICE_READS,
    owners: { otherOffice: 'supervisor2' },
    setup: async (ctx) => {
      const out: Partial<Record<Variant, VariantRecord>> = {};
      for (const v of ['own', 'otherOffice'] as const) {
        const facilityId = await createFacility(ctx.t.dataSource, { officeId: await ctx.office(OFFICE[v]), type: 'nursery' });
        const body = { facilityId, plannedOn: addDays(today(), 10), visitorIds: [await ctx.userId(SUPERVISOR[v])], purpose: `${SECRET} 巡回 ${v}` };
        out[v] = { id: created(await ctx.t.post('/api/v1/facility-rounds', { token: await ctx.token(SUPERVISOR[v]), body }), `round ${v}`).id };
      }
      return out;
    },
  },
  {
    resource: '/api/v1/case-transfers/:id',
    // Offers from Nerima (own), from Nukui to 光が丘 (another office's business), and of a restricted Nerima case.
    variants: CASE_VARIANTS,
    reads: { [Role.Supervisor]: { own: 200, otherOffice: 404, restricted: 200, closed: 200 } },
    owners: CASE_OWNERS,
    setup: (ctx) =>
      perFamily(ctx, 'transfer', async (f, v) => {
        const body = { toOfficeId: await ctx.office('CFS-HIKARIGAOKA'), reason: `${SECRET} 移管理由 ${v}` };
        return { id: created(await ctx.t.post(`/api/v1/cases/${f.caseId}/transfers`, { token: await ctx.token(SUPERVISOR[v]), body }), `transfer ${v}`).id };
      }),
  },
  // ---- the pregnancy programme: records of the 保健相談所 (豊玉: nurse1 / supervisor3; other: 北) ----
  {
    resource: '/api/v1/pregnancy-notifications/:id',
    actors: PREGNANCY_ACTORS,
    variants: PREGNANCY_VARIANTS,
    reads: PREGNANCY_READS,
    writeOutOfScope: PREGNANCY_WRITES_OUT_OF_SCOPE,
    owners: PREGNANCY_OWNERS,
    setup: async (ctx) => pregnancyVariants(ctx, async (p) => ({ id: p.notificationId })),
  },
  {
    resource: '/api/v1/pregnancy-interviews/:id',
    actors: PREGNANCY_ACTORS,
    variants: PREGNANCY_VARIANTS,
    reads: PREGNANCY_READS,
    writeOutOfScope: PREGNANCY_WRITES_OUT_OF_SCOPE,
    owners: PREGNANCY_OWNERS,
    setup: async (ctx) => pregnancyVariants(ctx, async (p) => ({ id: p.interviewId })),
  },
  {
    resource: '/api/v1/postpartum-care-applications/:id',
    actors: PREGNANCY_ACTORS,
    variants: PREGNANCY_VARIANTS,
    reads: PREGNANCY_READS,
    writeOutOfScope: PREGNANCY_WRITES_OUT_OF_SCOPE,
    owners: PREGNANCY_OWNERS,
    setup: async (ctx) =>
      pregnancyVariants(ctx, async (p, v) => {
        const body = { notificationId: p.notificationId, serviceType: 'day_care', appliedOn: today(), requestedSessions: 3, babyBirthDate: addDays(today(), -30), reason: `${SECRET} 産後 ${v}` };
        return { id: created(await ctx.t.post('/api/v1/postpartum-care-applications', { token: await ctx.token(p.nurse), body }), `postpartum ${v}`).id };
      }),
  },
  // ---- organisational records: not case-bound ----
  {
    resource: '/api/v1/users/:id',
    // Staff read colleagues of their own office; admins read everyone (users.service getInScope).
    variants: ['own', 'otherOffice'],
    reads: {
      [Role.Consultant]: { own: 200, otherOffice: 404 },
      [Role.Supervisor]: { own: 200, otherOffice: 404 },
      [Role.Liaison]: { own: 200, otherOffice: 404 },
      [Role.Admin]: { own: 200, otherOffice: 200 },
    },
    // Writes are the admins' only, and admins may change every user: nothing is out of their scope.
    writeOutOfScope: {},
    setup: async (ctx) => ({ own: { id: await ctx.userId('mx-colleague') }, otherOffice: { id: await ctx.userId('consultant2') } }),
  },
  {
    resource: '/api/v1/offices/:id',
    // The ward's offices are public to every signed-in user; only admins change them, any of them.
    variants: ['own', 'otherOffice'],
    reads: EVERYONE_READS(Object.values(Role)),
    writeOutOfScope: {},
    setup: async (ctx) => ({ own: { id: await ctx.office('CFS-NERIMA') }, otherOffice: { id: await ctx.office('CFS-NUKUI') } }),
  },
  {
    resource: '/api/v1/facilities/:id',
    // Everyone signed in reads the facility register; supervisors maintain their own office's area only.
    variants: ['own', 'otherOffice'],
    reads: EVERYONE_READS(Object.values(Role)),
    writeOutOfScope: { [Role.Supervisor]: ['otherOffice'] },
    owners: { otherOffice: 'supervisor2' },
    setup: async (ctx) => ({
      own: { id: await createFacility(ctx.t.dataSource, { officeId: await ctx.office('CFS-NERIMA'), type: 'nursery', name: `${SECRET} 保育園 own` }) },
      otherOffice: { id: await createFacility(ctx.t.dataSource, { officeId: await ctx.office('CFS-NUKUI'), type: 'nursery', name: `${SECRET} 保育園 other` }) },
    }),
  },
  {
    resource: '/api/v1/short-stay-facilities/:facilityId',
    variants: ['own', 'otherOffice'],
    reads: EVERYONE_READS([Role.Consultant, Role.Supervisor, Role.Admin]),
    writeOutOfScope: { [Role.Supervisor]: ['otherOffice'] },
    owners: { otherOffice: 'supervisor2' },
    setup: async (ctx) => {
      const out: Partial<Record<Variant, VariantRecord>> = {};
      for (const v of ['own', 'otherOffice'] as const) {
        const id = await createShortStayFacility(ctx.t.dataSource, { officeId: await ctx.office(OFFICE[v]), name: `${SECRET} 養護施設 ${v}` });
        const rows: Array<{ id: string }> = await ctx.t.dataSource.query(
          `INSERT INTO short_stay_capacity_changes (facility_id, first_night, last_night, bed_delta, reason) VALUES ($1, $2, $2, 1, '臨時増床') RETURNING id`,
          [id, addDays(today(), 30)],
        );
        out[v] = { id, params: { changeId: rows[0].id } };
      }
      return out;
    },
  },
  {
    resource: '/api/v1/notifications/:id',
    // An inbox entry is its user's alone: nobody else marks it read, whatever their role or office.
    variants: ['own', 'otherUser'],
    reads: {},
    writeOutOfScope: Object.fromEntries(Object.values(Role).map((r) => [r, ['otherUser']])),
    setup: async (ctx) => ({ own: { id: await notification(ctx, 'consultant1') }, otherUser: { id: await notification(ctx, 'supervisor2') } }),
    snapshot: async (ctx, _v, record) => ctx.t.dataSource.query(`SELECT read_at FROM notifications WHERE id = $1`, [record.id]),
  },
];

/**
 * Routes whose path parameter is not an office's or a case's record, so
 * there is nothing to be out of scope of. Each needs its reason.
 */
export const EXEMPT_RESOURCES: Record<string, string> = {
  '/api/v1/dictionaries/:name': 'a dictionary name (code lists), the same for everyone',
  '/api/v1/progress-review-intervals/:supportLevel': 'a support level (ward-wide setting), admins only',
  '/api/v1/short-stay-policies/:id': 'a ward-wide policy row (実施基準): no office, no case; admins only, and every admin may end any',
  '/api/v1/measure-targets/:id': "a target of the ward's plan (numbers, no personal data): every measure reader reads all of them, admins maintain them",
};

type PregnancyRecords = { notificationId: string; interviewId: string; motherId: string; nurse: string };

async function pregnancyVariants(ctx: FixtureContext, make: (p: PregnancyRecords, v: Variant) => Promise<VariantRecord>): Promise<Partial<Record<Variant, VariantRecord>>> {
  const out: Partial<Record<Variant, VariantRecord>> = {};
  for (const v of PREGNANCY_VARIANTS) {
    const nurse = v === 'own' ? 'nurse1' : 'mx-nurse-kita';
    const p = { ...(await pregnancy(ctx, nurse, v)), nurse };
    out[v] = await make(p, v);
    if (v === 'linked' || v === 'linkedRestricted') {
      const f = await family(ctx, 'CFS-NERIMA', 'mx-colleague', `pregnancy-${v}`, ['HC-TOYOTAMA']);
      await ctx.t.dataSource.query(`UPDATE pregnancy_notifications SET case_id = $2 WHERE id = $1`, [p.notificationId, f.caseId]);
      if (v === 'linkedRestricted') await restrict(ctx, f);
    }
  }
  return out;
}

async function pregnancy(ctx: FixtureContext, nurse: string, tag: string): Promise<{ notificationId: string; interviewId: string; motherId: string }> {
  const token = await ctx.token(nurse);
  const n = created(
    await ctx.t.post('/api/v1/pregnancy-notifications', { token, body: notificationBody({ daysAgo: 1, medicalInstitution: `${SECRET} 病院 ${tag}` }) }),
    `pregnancy notification ${tag}`,
  );
  const i = created(await ctx.t.post('/api/v1/pregnancy-interviews', { token, body: interviewBody(n.id, n.dueDate, { supportPlan: `${SECRET} 支援計画 ${tag}` }) }), `interview ${tag}`);
  return { notificationId: n.id, interviewId: i.id, motherId: n.mother.id };
}

async function notification(ctx: FixtureContext, login: string): Promise<string> {
  const userId = await ctx.userId(login);
  const [user]: Array<{ office_id: string }> = await ctx.t.dataSource.query(`SELECT office_id FROM users WHERE id = $1`, [userId]);
  const [reminder]: Array<{ id: string }> = await ctx.t.dataSource.query(
    `INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients, state, delivered_at)
     VALUES ($1, 'due', 'matrix.test', 'user', $2, $3, 'お知らせ', now(), $4, 'delivered', now()) RETURNING id`,
    [`matrix:${login}`, userId, user.office_id, JSON.stringify([{ kind: 'user', userId }])],
  );
  const [row]: Array<{ id: string }> = await ctx.t.dataSource.query(
    `INSERT INTO notifications (user_id, reminder_id, reminder_version, rule, subject_type, subject_id, title, urgent, due_at)
     VALUES ($1, $2, 1, 'matrix.test', 'user', $3, 'お知らせ', false, now()) RETURNING id`,
    [userId, reminder.id, userId],
  );
  return row.id;
}
