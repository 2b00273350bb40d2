import { DataSource } from 'typeorm';
import { namedRows } from '../../../database/named-sql';

export interface KeysetSource {
  /** `SELECT` list without the keyword; must include the key columns as `_k1` and `_k2`. */
  select: string;
  /** `FROM ... JOIN ...` without the keyword. */
  from: string;
  /** Boolean condition (scope and filters), with named parameters. */
  where: string;
  params: Record<string, unknown>;
  /** The two ordering expressions (the last must be unique, e.g. the id), their SQL types, and the direction. */
  keys: [string, string];
  keyTypes: [string, string];
  descending?: boolean;
}

export const EXPORT_BATCH_SIZE = 500;

/** Rows that match, counted with the same condition as the export (the row limit is checked before streaming). */
export async function countRows(dataSource: DataSource, source: KeysetSource): Promise<number> {
  const [row] = await namedRows<{ n: number }>(dataSource, `SELECT count(*)::int AS n FROM ${source.from} WHERE ${source.where}`, source.params);
  return row.n;
}

/**
 * The rows in keyset batches: each batch is one short query that resumes
 * after the last key seen, so memory holds one batch and no transaction or
 * cursor stays open while the client reads slowly.
 */
export async function* keysetRows<Row extends { _k1: unknown; _k2: unknown }>(dataSource: DataSource, source: KeysetSource, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<Row> {
  const [k1, k2] = source.keys;
  const [t1, t2] = source.keyTypes;
  const direction = source.descending ? 'DESC' : 'ASC';
  const after = source.descending ? '<' : '>';
  let last: [unknown, unknown] | null = null;
  for (;;) {
    const resume = last ? ` AND (${k1}, ${k2}) ${after} (CAST(:_after1 AS ${t1}), CAST(:_after2 AS ${t2}))` : '';
    const rows: Row[] = await namedRows<Row>(
      dataSource,
      `SELECT ${source.select} FROM ${source.from} WHERE (${source.where})${resume} ORDER BY ${k1} ${direction}, ${k2} ${direction} LIMIT :_batch`,
      { ...source.params, _after1: last?.[0], _after2: last?.[1], _batch: batchSize },
    );
    for (const row of rows) yield row;
    if (rows.length < batchSize) return;
    const tail = rows[rows.length - 1];
    last = [tail._k1, tail._k2];
  }
}
