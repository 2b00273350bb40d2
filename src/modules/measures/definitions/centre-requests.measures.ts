import { CENTRE_REQUEST_KIND_LABELS, CentreRequestKind } from '../../centre-requests/centre-request.enums';
import { MeasureDefinition, MeasureGroup, MeasureUnit, oneRow, officeIs } from '../measure';

/**
 * Sheet 1-2 ⑤ 事案送致・指導措置委託 (centre → ward), per receiving office:
 * received in the year (date of receipt); open at the as-of day (received by
 * then and not ended by its end: reconstructed from ended_at, so a past year
 * stays stable); lifted (措置解除, 指導措置委託 only) and closed in the year.
 */
const KINDS = Object.values(CentreRequestKind);
const FIGURES = [
  { key: 'received', label: '受理', definition: '年度内に受理した件数' },
  { key: 'open', label: '対応中', definition: '年度末（年度中は本日）時点で対応中（終了・解除前）の件数' },
  { key: 'lifted', label: '措置解除', definition: '年度内に措置解除となった件数' },
  { key: 'closed', label: '終結', definition: '年度内に終結した件数' },
] as const;

export const CENTRE_REQUEST_MEASURES: MeasureGroup = {
  code: 'centre_requests',
  label: '事案送致・指導措置委託',
  sheet: '1-2',
  definitions: KINDS.flatMap((kind) =>
    FIGURES.filter((f) => f.key !== 'lifted' || kind === CentreRequestKind.EntrustedGuidance).map(
      (f): MeasureDefinition => ({
        code: `centre_requests.${kind}.${f.key}`,
        label: `${CENTRE_REQUEST_KIND_LABELS[kind]}（${f.label}）`,
        unit: MeasureUnit.Count,
        definition: `${CENTRE_REQUEST_KIND_LABELS[kind]}: ${f.definition}`,
      }),
    ),
  ).concat([{ code: 'centre_requests.received', label: '事案送致・指導措置委託 受理数（計）', unit: MeasureUnit.Count, definition: '年度内に受理した事案送致と指導措置委託の合計' }]),
  async compute(ctx) {
    const row = await oneRow<Record<string, number>>(
      ctx,
      `SELECT ${KINDS.map(
        (k) => `count(*) FILTER (WHERE q.kind = '${k}' AND q.received_on BETWEEN :firstDay AND :lastDay)::int AS "${k}.received",
                count(*) FILTER (WHERE q.kind = '${k}' AND q.received_on <= :asOf AND (q.ended_at IS NULL OR q.ended_at >= (:asOf::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'))::int AS "${k}.open",
                count(*) FILTER (WHERE q.kind = '${k}' AND q.state = 'lifted' AND q.ended_at >= :start AND q.ended_at < :end)::int AS "${k}.lifted",
                count(*) FILTER (WHERE q.kind = '${k}' AND q.state = 'closed' AND q.ended_at >= :start AND q.ended_at < :end)::int AS "${k}.closed"`,
      ).join(',\n')}
         FROM centre_requests q
        WHERE ${officeIs(ctx, 'q.office_id')} AND q.received_on <= :lastDay AND (q.ended_at IS NULL OR q.ended_at >= :start)`,
    );
    const values: Record<string, number> = {};
    for (const d of this.definitions) {
      const key = d.code.replace('centre_requests.', '');
      if (key in row) values[d.code] = row[key];
    }
    values['centre_requests.received'] = KINDS.reduce((n, k) => n + row[`${k}.received`], 0);
    return values;
  },
};
