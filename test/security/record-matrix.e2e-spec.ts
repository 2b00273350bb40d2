import { Role } from '../../src/common/auth/roles';
import { HttpResult, TestApp } from '../harness/test-app';
import {
  createMatrixStaff,
  DEFAULT_ACTORS,
  EXEMPT_RESOURCES,
  FixtureContext,
  Outcome,
  ReadRules,
  RECORD_REGISTRY,
  ResourceEntry,
  SECRET,
  Variant,
  VariantRecord,
} from './record-fixtures';
import { routeTable } from './route-table';

/**
 * Record-level access matrix (issue 10, item 5), generated from the
 * application's own route table: every route with a path parameter ×
 * every role it allows × own-office / other-office / restricted record.
 *
 * - A route whose first path parameter does not map to an entry of
 *   RECORD_REGISTRY (record-fixtures.ts) or of EXEMPT_RESOURCES fails, so a
 *   new resource cannot ship without its rule; so does a role × variant with
 *   no declared outcome.
 * - GET routes answer the declared outcome (sub-routes such as
 *   `/cases/:id/timeline` take the resource's outcome unless overridden).
 * - Every other route, sent `{}` on a record out of the caller's scope, never
 *   succeeds (400/403/404/409/422), and the record is unchanged afterwards.
 * - No answer is a 500, and no refusal carries record content.
 */
// Some 800 sequential requests plus the fixtures: generous on a shared two-core machine.
jest.setTimeout(300_000);

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const REFUSALS = [400, 403, 404, 409, 422];
/**
 * Routes whose valid request legitimately succeeds out of the caller's
 * scope, so they get only the `{}` probe: break-glass with a reason is the
 * documented way for a consultant to open a restricted case of their office
 * (audited, supervisors notified), and the grant would then let every later
 * write through.
 */
const PLAUSIBLE_PROBE_EXEMPT = new Set(['POST /api/v1/cases/:id/break-glass']);

type Route = ReturnType<typeof routeTable>[number];

/** The resource a route belongs to: its URL up to and including the first path parameter. */
function resourceOf(url: string): string | null {
  const match = /^(.*?\/:[A-Za-z]+)/.exec(url);
  return match ? match[1] : null;
}

function rolesOf(route: Route): Role[] {
  if (route.roles === 'any') return Object.values(Role);
  return Array.isArray(route.roles) ? (route.roles as Role[]) : [];
}

/** The route's URL for one record: the first parameter is the record, the others come from the fixture (or a nonexistent id). */
function urlFor(route: Route, record: VariantRecord): { url: string; missing: string[] } {
  let first = true;
  const missing: string[] = [];
  const url = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (first) {
      first = false;
      return record.id;
    }
    const value = record.params?.[name];
    if (!value) missing.push(name);
    return value ?? DUMMY_ID;
  });
  return { url, missing };
}

type Schema = { type?: string; $ref?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; format?: string; required?: string[]; allOf?: Schema[]; minimum?: number; maxLength?: number; minItems?: number };

function resolveSchema(schema: Schema | undefined, doc: any): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(doc.components.schemas[schema.$ref.split('/').pop() as string], doc);
  if (schema.allOf) {
    return schema.allOf.map((x) => resolveSchema(x, doc)).reduce<Schema>((acc, x) => ({ ...acc, ...x, properties: { ...acc.properties, ...x?.properties }, required: [...(acc.required ?? []), ...(x?.required ?? [])] }), {});
  }
  return schema;
}

/**
 * A body that passes validation as often as it can (required fields with
 * plausible values, the record's current `version`), so that scope, not
 * validation, is what must refuse the write.
 */
function plausibleBody(schema: Schema | undefined, doc: any, hints: { userId: string; version?: number }, depth = 0): unknown {
  const s = resolveSchema(schema, doc);
  if (!s) return {};
  if (s.enum) return s.enum[0];
  if (s.format === 'uuid') return hints.userId;
  if (s.format === 'date') return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  if (s.format === 'date-time') return new Date(Date.now() - 3600_000).toISOString();
  switch (s.type) {
    case 'string':
      return s.maxLength !== undefined && s.maxLength < 8 ? 'x'.repeat(Math.max(1, Math.min(s.maxLength, 2))) : '確認 MX';
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return depth > 3 ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => plausibleBody(s.items, doc, hints, depth + 1));
  }
  if (depth > 3 || !s.properties) return {};
  const body: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(s.properties)) {
    if (name === 'version') body.version = hints.version ?? 1;
    else if (s.required?.includes(name)) body[name] = plausibleBody(prop, doc, hints, depth + 1);
  }
  return body;
}

const label = (route: Route, role: Role, variant: Variant, status?: number) => `${route.method} ${route.url} as ${role} on ${variant}${status === undefined ? '' : `: ${status}`}`;

function describeOutcome(res: HttpResult): string {
  return res.status === 403 && res.body?.code ? `403 ${res.body.code}` : String(res.status);
}

describe('record access matrix: every route × every role × own / other-office / restricted record', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const userIds = new Map<string, string>();
  const offices = new Map<string, string>();
  let ctx: FixtureContext;
  const fixtures = new Map<string, Partial<Record<Variant, VariantRecord>>>();
  const before = new Map<string, unknown>();
  const counts = { reads: 0, writes: 0, plausibleWrites: 0, pastValidation: 0, routes: 0, crossParent: 0 };
  let openApi: any;

  const schemaOf = (route: Route): Schema | undefined =>
    openApi.paths?.[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  const entryFor = (resource: string): ResourceEntry | undefined => RECORD_REGISTRY.find((e) => e.resource === resource);
  const actorFor = (entry: ResourceEntry, role: Role) => entry.actors?.[role] ?? DEFAULT_ACTORS[role];

  async function call(method: string, url: string, login: string): Promise<HttpResult> {
    return t.request(method, url, { token: await ctx.token(login), body: method === 'GET' ? undefined : {} });
  }

  /** The variants a role must not be able to write: declared, or whatever it may not read. */
  function outOfScope(entry: ResourceEntry, role: Role): Variant[] | null {
    if (entry.writeOutOfScope) return entry.writeOutOfScope[role] ?? [];
    const rules = entry.reads[role];
    if (!rules) return null;
    return entry.variants.filter((v) => rules[v] !== undefined && rules[v] !== 200);
  }

  async function snapshot(entry: ResourceEntry, variant: Variant, record: VariantRecord): Promise<unknown> {
    if (entry.snapshot) return entry.snapshot(ctx, variant, record);
    const owner = entry.owners?.[variant];
    if (!owner) throw new Error(`${entry.resource}: no owner declared to read back the ${variant} record`);
    const res = await call('GET', entry.resource.replace(/:[A-Za-z]+$/, record.id), owner);
    if (res.status !== 200) throw new Error(`${entry.resource}: ${owner} cannot read back the ${variant} record (${res.status})`);
    return res.body;
  }

  /** Every (entry, variant) some role must not write, to check it is unchanged afterwards. */
  function guardedRecords(): Array<{ entry: ResourceEntry; variant: Variant; record: VariantRecord }> {
    const out: Array<{ entry: ResourceEntry; variant: Variant; record: VariantRecord }> = [];
    for (const entry of RECORD_REGISTRY) {
      const writable = routeTable(t.app).some((r) => r.method !== 'GET' && resourceOf(r.url) === entry.resource);
      if (!writable) continue;
      const guarded = new Set<Variant>();
      for (const role of Object.values(Role)) for (const v of outOfScope(entry, role) ?? []) guarded.add(v);
      for (const variant of guarded) {
        const record = fixtures.get(entry.resource)?.[variant];
        if (record) out.push({ entry, variant, record });
      }
    }
    return out;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    await createMatrixStaff(t);
    ctx = {
      t,
      token: async (login) => {
        if (!tokens.has(login)) tokens.set(login, await t.login(login));
        return tokens.get(login)!;
      },
      userId: async (login) => {
        if (!userIds.has(login)) userIds.set(login, await t.userId(login));
        return userIds.get(login)!;
      },
      office: async (code) => {
        if (!offices.has(code)) offices.set(code, await t.officeId(code));
        return offices.get(code)!;
      },
    };
    for (const entry of RECORD_REGISTRY) {
      const records = await entry.setup(ctx);
      for (const v of entry.variants) if (!records[v]) throw new Error(`${entry.resource}: setup made no ${v} record`);
      fixtures.set(entry.resource, records);
    }
    openApi = (await t.get('/api/openapi.json')).body;
    for (const g of guardedRecords()) before.set(`${g.entry.resource} ${g.variant}`, await snapshot(g.entry, g.variant, g.record));
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(
      `record matrix: ${counts.routes} routes; ${counts.reads} reads; ${counts.writes} writes with {} and ${counts.plausibleWrites} with a plausible body ` +
        `(${counts.pastValidation} of them past validation) refused; ${counts.crossParent} cross-parent sub-record probes`,
    );
    await t?.close();
  });

  it('every route with a path parameter belongs to a registry entry or a listed exemption', () => {
    const unmapped: string[] = [];
    const used = new Set<string>();
    for (const route of routeTable(t.app)) {
      const resource = resourceOf(route.url);
      if (!resource) continue;
      used.add(resource);
      if (!entryFor(resource) && !(resource in EXEMPT_RESOURCES)) unmapped.push(`${route.method} ${route.url} (resource ${resource})`);
    }
    expect(unmapped).toEqual([]);
    // And no entry outlives its routes.
    const stale = [...RECORD_REGISTRY.map((e) => e.resource), ...Object.keys(EXEMPT_RESOURCES)].filter((r) => !used.has(r));
    expect(stale).toEqual([]);
  });

  it('every GET answers the documented outcome for each allowed role and each record', async () => {
    const failures: string[] = [];
    for (const route of routeTable(t.app).filter((r) => r.method === 'GET')) {
      const resource = resourceOf(route.url);
      const entry = resource ? entryFor(resource) : undefined;
      if (!entry) continue;
      counts.routes += 1;
      const rules: ReadRules = entry.readOverrides?.[`GET ${route.url}`] ?? entry.reads;
      for (const role of rolesOf(route)) {
        for (const variant of entry.variants) {
          const expected: Outcome | undefined = rules[role]?.[variant];
          if (expected === undefined) {
            failures.push(`${label(route, role, variant)}: no documented outcome in the registry`);
            continue;
          }
          const { url, missing } = urlFor(route, fixtures.get(entry.resource)![variant]!);
          if (missing.length) {
            failures.push(`${label(route, role, variant)}: the fixture has no ${missing.join(', ')}`);
            continue;
          }
          const res = await call('GET', url, actorFor(entry, role));
          counts.reads += 1;
          const want = expected === 'break-glass' ? '403 break-glass-required' : String(expected);
          const got = describeOutcome(res);
          if (got !== want) failures.push(`${label(route, role, variant, res.status)} (expected ${want}, got ${got})`);
          // The record itself, not some other one.
          const record = fixtures.get(entry.resource)![variant]!;
          if (res.status === 200 && route.url === entry.resource && res.body?.id !== undefined && res.body.id !== record.id) {
            failures.push(`${label(route, role, variant, res.status)}: answered record ${res.body.id}, not ${record.id}`);
          }
          if (res.status !== 200 && res.text.includes(SECRET)) failures.push(`${label(route, role, variant, res.status)}: the refusal carries record content`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('no other route succeeds on a record out of the caller scope', async () => {
    const failures: string[] = [];
    for (const route of routeTable(t.app).filter((r) => r.method !== 'GET')) {
      const resource = resourceOf(route.url);
      const entry = resource ? entryFor(resource) : undefined;
      if (!entry) continue;
      counts.routes += 1;
      for (const role of rolesOf(route)) {
        const variants = outOfScope(entry, role);
        if (variants === null) {
          failures.push(`${route.method} ${route.url} as ${role}: no documented scope for this role in the registry`);
          continue;
        }
        for (const variant of variants) {
          const { url } = urlFor(route, fixtures.get(entry.resource)![variant]!);
          const res = await call(route.method, url, actorFor(entry, role));
          counts.writes += 1;
          if (!REFUSALS.includes(res.status)) failures.push(`${label(route, role, variant, res.status)} (expected a refusal: ${REFUSALS.join('/')})`);
          if (res.text.includes(SECRET)) failures.push(`${label(route, role, variant, res.status)}: the answer carries record content`);
          // The same with a body that passes validation where it can: only scope may refuse it.
          const schema = schemaOf(route);
          if (!schema || PLAUSIBLE_PROBE_EXEMPT.has(`${route.method} ${route.url}`)) continue;
          const snapshotBody = before.get(`${entry.resource} ${variant}`) as { version?: unknown } | undefined;
          const hints = { userId: await ctx.userId(actorFor(entry, role)), version: typeof snapshotBody?.version === 'number' ? snapshotBody.version : undefined };
          const body = plausibleBody(schema, openApi, hints);
          const probe = await t.request(route.method, url, { token: await ctx.token(actorFor(entry, role)), body });
          counts.plausibleWrites += 1;
          if (probe.status !== 400) counts.pastValidation += 1;
          if (!REFUSALS.includes(probe.status)) failures.push(`${label(route, role, variant, probe.status)} with ${JSON.stringify(body)} (expected a refusal)`);
          if (probe.text.includes(SECRET)) failures.push(`${label(route, role, variant, probe.status)} with a plausible body: the answer carries record content`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a sub-record is reachable only through its own parent, never through an in-scope one', async () => {
    // e.g. GET /cases/{own case}/notes/{note of another office's case}: the parent check passes, the child must not.
    const failures: string[] = [];
    let probes = 0;
    for (const route of routeTable(t.app)) {
      const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).slice(1);
      const resource = resourceOf(route.url);
      const entry = resource ? entryFor(resource) : undefined;
      if (!entry || names.length === 0) continue;
      const records = fixtures.get(entry.resource)!;
      for (const variant of entry.variants.filter((v) => v !== 'own')) {
        const foreign = records[variant]?.params;
        if (!foreign || !names.every((n) => foreign[n])) continue;
        const mixed: VariantRecord = { id: records.own!.id, params: foreign };
        const { url } = urlFor(route, mixed);
        for (const role of rolesOf(route)) {
          const res = await call(route.method, url, actorFor(entry, role));
          probes += 1;
          const ok = route.method === 'GET' ? res.status === 404 : REFUSALS.includes(res.status);
          if (!ok) failures.push(`${route.method} ${route.url} as ${role}: own parent with the ${variant} record's ${names.join(', ')}: ${res.status}`);
          if (res.text.includes(SECRET) && res.status !== 200) failures.push(`${route.method} ${route.url} as ${role} (${variant} sub-record): the refusal carries record content`);
          const schema = route.method === 'GET' ? undefined : schemaOf(route);
          if (!schema) continue;
          const body = plausibleBody(schema, openApi, { userId: await ctx.userId(actorFor(entry, role)) });
          const probe = await t.request(route.method, url, { token: await ctx.token(actorFor(entry, role)), body });
          probes += 1;
          if (!REFUSALS.includes(probe.status)) failures.push(`${route.method} ${route.url} as ${role}: own parent with the ${variant} record's ${names.join(', ')} and ${JSON.stringify(body)}: ${probe.status}`);
        }
      }
    }
    counts.crossParent = probes;
    expect(probes).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it('the out-of-scope records are unchanged after all those writes', async () => {
    const guarded = guardedRecords();
    expect(guarded.length).toBeGreaterThan(0);
    const changed: string[] = [];
    for (const g of guarded) {
      const key = `${g.entry.resource} ${g.variant}`;
      const now = await snapshot(g.entry, g.variant, g.record);
      if (JSON.stringify(now) !== JSON.stringify(before.get(key))) changed.push(key);
    }
    expect(changed).toEqual([]);
  });
});
