import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { sqlRows } from '../../database/sql';
import { notFound, ProblemException, ProblemType, validationFailed, versionConflict } from '../../common/problem/problem';
import { noteCreatedRecord } from '../audit/write-audit';
import { MEASURE_DEFINITIONS } from './definitions';
import { CreateMeasureTargetDto, MeasureTargetsQuery, MeasureTargetView, UpdateMeasureTargetDto } from './dto/measure-target.dto';

interface TargetRow {
  id: string;
  fiscal_year: number;
  measure_code: string;
  office_id: string | null;
  target_value: string | null;
  target_text: string | null;
  note: string | null;
  version: number;
  updated_at: Date;
}

const COLUMNS = 'id, fiscal_year, measure_code, office_id, target_value, target_text, note, version, updated_at';

/** Targets of the plan as data: one row per fiscal year, measure and office (none = the ward's). Admins maintain them. */
@Injectable()
export class MeasureTargetsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: MeasureTargetsQuery): Promise<{ items: MeasureTargetView[] }> {
    const rows: TargetRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM measure_targets WHERE ($1::int IS NULL OR fiscal_year = $1::int)
        ORDER BY fiscal_year, measure_code, office_id NULLS FIRST`,
      [query.fiscalYear ?? null],
    );
    return { items: rows.map(toView) };
  }

  async get(id: string): Promise<MeasureTargetView> {
    const rows: TargetRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM measure_targets WHERE id = $1`, [id]);
    if (!rows[0]) throw notFound('measure target');
    return toView(rows[0]);
  }

  async create(actor: Actor, dto: CreateMeasureTargetDto): Promise<MeasureTargetView> {
    if (!MEASURE_DEFINITIONS.has(dto.measureCode)) {
      throw validationFailed([{ field: 'measureCode', code: 'unknown_measure', message: 'No such measure (see the dictionary `measure`).' }]);
    }
    assertHasTarget(dto.targetValue ?? null, dto.targetText ?? null);
    if (dto.officeId) {
      const offices: unknown[] = await this.dataSource.query(`SELECT 1 FROM offices WHERE id = $1`, [dto.officeId]);
      if (offices.length === 0) throw validationFailed([{ field: 'officeId', code: 'unknown_office', message: 'No such office.' }]);
    }
    const existing: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM measure_targets WHERE fiscal_year = $1 AND measure_code = $2 AND office_id IS NOT DISTINCT FROM $3`,
      [dto.fiscalYear, dto.measureCode, dto.officeId ?? null],
    );
    if (existing.length > 0) {
      throw new ProblemException({ status: HttpStatus.CONFLICT, type: ProblemType.Duplicate, title: 'Already exists', detail: 'A target for this fiscal year, measure and office already exists; change it instead.' });
    }
    // In a transaction, like every audited write: its commit stages the audit event (AuditOutbox).
    const row = await this.dataSource.transaction(async (m) => {
      const [inserted]: TargetRow[] = await m.query(
        `INSERT INTO measure_targets (fiscal_year, measure_code, office_id, target_value, target_text, note, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
        [dto.fiscalYear, dto.measureCode, dto.officeId ?? null, dto.targetValue ?? null, dto.targetText ?? null, dto.note ?? null, actor.userId],
      );
      noteCreatedRecord(inserted.id);
      return inserted;
    });
    return toView(row);
  }

  async update(actor: Actor, id: string, dto: UpdateMeasureTargetDto): Promise<MeasureTargetView> {
    return this.dataSource.transaction(async (m) => {
      const rows: TargetRow[] = await m.query(`SELECT ${COLUMNS} FROM measure_targets WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0];
      if (!row) throw notFound('measure target');
      if (row.version !== dto.version) throw versionConflict();
      const value = dto.targetValue !== undefined ? dto.targetValue : row.target_value === null ? null : Number(row.target_value);
      const text = dto.targetText !== undefined ? dto.targetText : row.target_text;
      const note = dto.note !== undefined ? dto.note : row.note;
      assertHasTarget(value, text);
      const updated = await sqlRows<TargetRow>(
        m,
        `UPDATE measure_targets SET target_value = $2, target_text = $3, note = $4, updated_by = $5, updated_at = now(), version = version + 1
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, value, text, note, actor.userId],
      );
      return toView(updated[0]);
    });
  }

  async remove(id: string): Promise<void> {
    const deleted = await this.dataSource.transaction((m) => sqlRows<{ id: string }>(m, `DELETE FROM measure_targets WHERE id = $1 RETURNING id`, [id]));
    if (deleted.length === 0) throw notFound('measure target');
  }

  /** For each measure with a target in the year: the office's own row when there is one, else the ward's. */
  async effectiveTargets(fiscalYear: number, officeId: string | null): Promise<Map<string, MeasureTargetView>> {
    const rows: TargetRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (measure_code) ${COLUMNS} FROM measure_targets
        WHERE fiscal_year = $1 AND (office_id IS NULL OR office_id = $2::uuid)
        ORDER BY measure_code, office_id NULLS LAST`,
      [fiscalYear, officeId],
    );
    return new Map(rows.map((r) => [r.measure_code, toView(r)]));
  }
}

function assertHasTarget(value: number | null, text: string | null): void {
  if (value === null && text === null) {
    throw validationFailed([{ field: 'targetValue', code: 'target_required', message: 'Give a numeric target, the plan\'s words (targetText), or both.' }]);
  }
}

function toView(r: TargetRow): MeasureTargetView {
  return {
    id: r.id,
    fiscalYear: r.fiscal_year,
    measureCode: r.measure_code,
    measureLabel: MEASURE_DEFINITIONS.get(r.measure_code)?.label ?? r.measure_code,
    officeId: r.office_id,
    targetValue: r.target_value === null ? null : Number(r.target_value),
    targetText: r.target_text,
    note: r.note,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}
