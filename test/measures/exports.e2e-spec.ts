import ExcelJS from 'exceljs';
import { createCaseWithChild } from '../factories/casework';
import { TestApp } from '../harness/test-app';
import { insertNotification, insertPlan, insertReferral, insertReport } from './measure-fixtures';

/** Splits a CSV body (no quoted line breaks in these fixtures) into rows of fields, RFC 4180 quotes undone. */
function parseCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const fields: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
          else if (ch === '"') quoted = false;
          else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') fields.push(field), (field = '');
        else field += ch;
      }
      fields.push(field);
      return fields;
    });
}

async function inject(t: TestApp, url: string, token: string, query: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` }, query });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, text: res.body };
}

describe('exports: CSV and XLSX of the measures and the main lists', () => {
  let t: TestApp;
  let supervisor2: string;
  let consultant1: string;
  let supervisor3: string;
  let admin: string;
  let liaison: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const db = t.dataSource;
    [supervisor2, consultant1, supervisor3, admin, liaison] = await Promise.all(['supervisor2', 'consultant1', 'supervisor3', 'admin', 'liaison'].map((l) => t.login(l)));
    const nukui = await t.officeId('CFS-NUKUI');
    const toyotama = await t.officeId('HC-TOYOTAMA');
    const c2 = await t.userId('consultant2');
    const s2 = await t.userId('supervisor2');
    // Japanese text, a comma and quotes, and a label a spreadsheet would run as a formula.
    const a = await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2, label: '練馬 太郎 世帯', openedOn: '2024-05-01' });
    await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2, label: '貫井, "花子" 世帯', openedOn: '2024-06-01' });
    await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2, label: '=HYPERLINK("http://evil.example")', openedOn: '2024-07-01' });
    await insertPlan(db, { caseId: a.id, workerId: c2, nextDueOn: '2024-06-01' });
    await insertReport(db, { officeId: nukui, caseId: a.id, receivedAt: '2024-06-01T10:00:00+09:00', result: 'met', receivedBy: c2 });
    await insertReport(db, { officeId: nukui, caseId: a.id, receivedAt: '2024-07-01T10:00:00+09:00', result: 'missed', receivedBy: c2 });
    await insertReferral(db, { officeId: nukui, caseId: a.id, authorId: c2, approverId: s2, state: 'approved', createdAt: '2024-10-01T08:00:00+09:00', submittedAt: '2024-10-01T09:00:00+09:00', approvedAt: '2024-10-03T09:00:00+09:00' });
    await insertReferral(db, { officeId: nukui, caseId: a.id, authorId: c2, approverId: s2, state: 'draft', createdAt: '2024-11-01T08:00:00+09:00' });
    await insertNotification(db, { officeId: toyotama, filedOn: '2024-05-01' });
    await insertNotification(db, { officeId: toyotama, filedOn: '2024-06-01', interviewedOn: '2024-06-02' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes the measures as CSV that Excel reads in Japanese: BOM, CRLF, the same numbers as the JSON', async () => {
    const res = await inject(t, '/api/v1/exports/measures.csv', supervisor2, { fiscalYear: '2024' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="measures-2024\.csv"; filename\*=UTF-8''/);
    expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.raw.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['年度', '対象', '区分', '指標コード', '指標', '実績', '単位']);
    const json = await t.get('/api/v1/measures', { token: supervisor2, query: { fiscalYear: 2024 } });
    const measures = json.body.groups.flatMap((g: any) => g.measures);
    expect(rows.length - 1).toBe(measures.length);
    const rate = rows.find((r) => r[3] === 'child_abuse_reports.rule48_met_rate')!;
    expect(rate).toEqual(['令和6年度', '貫井子ども家庭支援センター', '児童虐待通告と48時間ルール', 'child_abuse_reports.rule48_met_rate', '48時間ルール達成率', '50', '%']);
    for (const m of measures) expect(rows.find((r) => r[3] === m.code)![5]).toBe(m.value === null ? '' : String(m.value));
  });

  it('writes the measures as XLSX that exceljs opens, holding the same numbers', async () => {
    const res = await inject(t, '/api/v1/exports/measures.xlsx', admin, { fiscalYear: '2024' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '年度', '対象', '区分', '指標コード', '指標', '実績', '単位']);
    const byCode = new Map<string, unknown>();
    sheet.eachRow((row, n) => {
      if (n > 1) byCode.set(String(row.getCell(4).value), row.getCell(6).value);
    });
    const json = await t.get('/api/v1/measures', { token: admin, query: { fiscalYear: 2024 } });
    const measures = json.body.groups.flatMap((g: any) => g.measures);
    expect(byCode.size).toBe(measures.length);
    for (const m of measures) expect(byCode.get(m.code) ?? null).toBe(m.value);
    expect(byCode.get('child_abuse_reports.received')).toBe(2);
    expect(byCode.get('pregnancy.interview_coverage')).toBe(50);
    expect(sheet.getRow(2).getCell(2).value).toBe('練馬区全体');
  });

  it('exports the case list in the caller scope, quoting and neutralising formulas, and audits it', async () => {
    const res = await inject(t, '/api/v1/exports/cases.csv', supervisor2);
    expect(res.status).toBe(200);
    expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.raw.subarray(3).toString('utf8');
    expect(text).toContain('"貫井, ""花子"" 世帯"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['ケース番号', '世帯名', '支援区分', '状態', '主担当', '受理日', '次回進行管理日', '担当事業所']);
    // Newest opened first; Japanese round-trips.
    expect(rows.slice(1).map((r) => r[1])).toEqual(['\'=HYPERLINK("http://evil.example")', '貫井, "花子" 世帯', '練馬 太郎 世帯']);
    expect(rows[3]).toEqual([expect.any(String), '練馬 太郎 世帯', '要支援児童', '対応中', expect.any(String), '2024-05-01', '', '貫井子ども家庭支援センター']);

    const audit: Array<{ action: string; actor_login_id: string; outcome: string; details: any }> = await t.dataSource.query(
      `SELECT action, actor_login_id, outcome, details FROM audit_events WHERE action = 'export.cases' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]).toMatchObject({ action: 'export.cases', actor_login_id: 'supervisor2', outcome: 'success', details: { format: 'csv', rows: 3 } });

    // Another office's consultant gets the header only: the same scope as the list.
    const other = await inject(t, '/api/v1/exports/cases.csv', consultant1);
    expect(other.status).toBe(200);
    expect(parseCsv(other.raw.subarray(3).toString('utf8'))).toHaveLength(1);
    // Roles without case content are refused.
    expect((await inject(t, '/api/v1/exports/cases.csv', admin)).status).toBe(403);
    expect((await inject(t, '/api/v1/exports/cases.xlsx', liaison)).status).toBe(403);
  });

  it('exports the case list as XLSX with the same rows', async () => {
    const res = await inject(t, '/api/v1/exports/cases.xlsx', supervisor2);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('ケース一覧');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(2).value).toBe('世帯名');
    expect(sheet.getRow(3).getCell(2).value).toBe('貫井, "花子" 世帯');
    // In XLSX the text is a string cell, never a formula.
    expect(sheet.getRow(2).getCell(2).value).toBe('=HYPERLINK("http://evil.example")');
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
  });

  it('exports overdue visits, coverage gaps and referrals with Japanese headers', async () => {
    const overdue = parseCsv((await inject(t, '/api/v1/exports/overdue-visits.csv', supervisor2, { asOf: '2024-06-11' })).raw.subarray(3).toString('utf8'));
    expect(overdue).toEqual([
      ['ケース番号', '世帯名', '担当者', '訪問予定日', '最終訪問日', '超過日数'],
      [expect.any(String), '練馬 太郎 世帯', expect.any(String), '2024-06-01', '', '10'],
    ]);
    const gaps = await inject(t, '/api/v1/exports/coverage-gaps.csv', supervisor3, { fiscalYear: '2024' });
    const gapRows = parseCsv(gaps.raw.subarray(3).toString('utf8'));
    expect(gapRows[0]).toEqual(['届出日', '氏名', '氏名（カナ）', '生年月日', '出産予定日', '状態', '待機日数', '連絡回数']);
    expect(gapRows).toHaveLength(2);
    expect(gapRows[1].slice(0, 1)).toEqual(['2024-05-01']);
    expect(gapRows[1][1]).toMatch(/^練馬 花子/);
    expect(gapRows[1][5]).toBe('面談未実施');
    // The 子ども家庭支援センター has no 妊娠届 of its own.
    expect(parseCsv((await inject(t, '/api/v1/exports/coverage-gaps.csv', supervisor2)).raw.subarray(3).toString('utf8'))).toHaveLength(1);

    const referrals = parseCsv((await inject(t, '/api/v1/exports/referrals.csv', supervisor2)).raw.subarray(3).toString('utf8'));
    expect(referrals.map((r) => [r[0], r[3]])).toEqual([
      ['作成日', '状態'],
      ['2024-11-01', '起案中'],
      ['2024-10-01', '決裁済'],
    ]);
    // The liaison sees approved referrals only.
    const forLiaison = parseCsv((await inject(t, '/api/v1/exports/referrals.csv', liaison)).raw.subarray(3).toString('utf8'));
    expect(forLiaison.slice(1).map((r) => r[0])).toEqual(['2024-10-01']);
  });
});
