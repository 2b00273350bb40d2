import fc from 'fast-check';
import { Role } from '../../src/common/auth/roles';
import { TestApp } from '../harness/test-app';

type Schema = { type?: string; $ref?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; format?: string; required?: string[]; allOf?: Schema[] };
interface Operation {
  method: string;
  path: string;
  roles: string[];
  pathParams: string[];
  queryParams: Array<{ name: string; schema?: Schema }>;
  body?: Schema;
}

/** Nasty strings: unicode edge cases, half-width kana, emoji, NUL, SQL, traversal, huge numbers. */
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', 'ｶﾞ', 'ヤマダ　ハナコ', 'e\u0301\u0301\u0301', '👨‍👩‍👧‍👦', '\uD800', '\uFEFF',
  "' OR 1=1 --", "'); DROP TABLE cases; --", '../../etc/passwd', '..%2F..%2F', '%00', '${jndi:ldap://x}', '<script>alert(1)</script>',
  '9'.repeat(400), '-1', '1e309', 'NaN', 'null', 'true', '{}', '[]', '2026-02-30', '0000-00-00', '9999-99-99T99:99:99Z',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '%ED%A0%80',
];

const nasty = fc.constantFrom(...NASTY);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(nasty, fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(nasty, fc.integer()), { maxKeys: 3 }),
);

function resolve(schema: Schema | undefined, doc: any): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop() as string], doc);
  if (schema.allOf) return schema.allOf.map((s) => resolve(s, doc)).reduce<Schema>((acc, s) => ({ ...acc, ...s, properties: { ...acc.properties, ...s?.properties } }), {});
  return schema;
}

/** A plausible value for a schema, or (often) the wrong type on purpose. */
function valueFor(schema: Schema | undefined, doc: any, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (!s || depth > 3) return anyJson;
  const plausible = ((): fc.Arbitrary<unknown> => {
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.format === 'uuid') return fc.uuid();
    if (s.format === 'date') return fc.constantFrom('2026-04-01', '2027-03-31', '2019-02-29', '2026-13-01');
    if (s.format === 'date-time') return fc.constantFrom('2026-04-01T00:00:00+09:00', '2026-03-31T23:59:59Z', 'yesterday');
    switch (s.type) {
      case 'string':
        return fc.oneof(fc.string({ maxLength: 40 }), nasty, fc.string({ unit: 'grapheme', maxLength: 20 }));
      case 'integer':
      case 'number':
        return fc.oneof(fc.integer({ min: -5, max: 500 }), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5));
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueFor(s.items, doc, depth + 1), { maxLength: 4 });
      case 'object':
        return objectFor(s, doc, depth + 1);
      default:
        return anyJson;
    }
  })();
  return fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: anyJson });
}

function objectFor(schema: Schema, doc: any, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of properties) record[name] = valueFor(prop, doc, depth);
  return fc
    .tuple(fc.record(record, { requiredKeys: [] }), fc.option(fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'version'), anyJson, { maxKeys: 2 })))
    .map(([known, extra]) => ({ ...known, ...(extra ?? {}) }));
}

export function operations(doc: any): Operation[] {
  const result: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
      // Logging out would end the session the fuzzer signs its requests with.
      if (path.endsWith('/auth/logout')) continue;
      const parameters: any[] = op.parameters ?? [];
      const bodyRef = op.requestBody?.content?.['application/json']?.schema;
      result.push({
        method: method.toUpperCase(),
        path,
        roles: op['x-roles'] ?? [],
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: bodyRef,
      });
    }
  }
  return result;
}

/** Percent-encodes every byte but unreserved ASCII; lone surrogates become U+FFFD like any UTF-8 encoder makes them. */
function encodePathSegment(value: string): string {
  if (value === '%ED%A0%80') return value; // deliberately invalid UTF-8
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

export interface FuzzFinding {
  request: string;
  status: number;
  body: string;
}

const LEAKS = /QueryFailedError|TypeORMError|at [\w.<>]+ \(|node_modules|\/src\/|SELECT .* FROM|INSERT INTO|syntax error at or near/;

/** Fires `runs` generated requests across every operation; returns each 5xx or leaking response. */
export async function fuzzApi(t: TestApp, tokens: Record<string, string>, runs: number, seed?: number): Promise<{ requests: number; findings: FuzzFinding[] }> {
  const doc = (await t.get('/api/openapi.json')).body;
  const ops = operations(doc);
  const findings: FuzzFinding[] = [];
  let requests = 0;
  const requestArb = fc.constantFrom(...ops).chain((op) =>
    fc.record({
      op: fc.constant(op),
      pathValues: fc.array(fc.oneof(fc.uuid(), nasty, fc.string({ maxLength: 12 })), { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
      query: fc.record(Object.fromEntries(op.queryParams.map((q) => [q.name, fc.oneof(valueFor(q.schema, doc), nasty)])), { requiredKeys: [] }),
      body: op.body ? valueFor(op.body, doc) : fc.constant(undefined),
    }),
  );
  await fc.assert(
    fc.asyncProperty(requestArb, async ({ op, pathValues, query, body }) => {
      let url = op.path;
      op.pathParams.forEach((name, i) => {
        url = url.replace(`{${name}}`, encodePathSegment(String(pathValues[i])));
      });
      const role = op.roles.includes('any') || op.roles.length === 0 ? Role.Consultant : op.roles[requests % op.roles.length];
      const q: Record<string, string> = {};
      for (const [k, v] of Object.entries(query)) q[k] = typeof v === 'string' ? v : JSON.stringify(v);
      requests += 1;
      const res = await t.request(op.method, url, { token: tokens[role], query: q, body: op.method === 'GET' ? undefined : (body ?? {}) });
      if (res.status >= 500 || LEAKS.test(res.text)) {
        findings.push({ request: `${op.method} ${url} ${JSON.stringify(q)} ${JSON.stringify(body)?.slice(0, 300)}`, status: res.status, body: res.text.slice(0, 300) });
      }
      return true;
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  return { requests, findings };
}
