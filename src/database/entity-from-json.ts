import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from `to_json(row)` of its table, read by a statement that also
 * reads other things: values by column name, timestamps back to Dates (JSON
 * carries them as text). Dates (`date` columns) stay text, as the pg type
 * parser set in data-source-options gives them everywhere else.
 */
export function entityFromJson<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, json: Record<string, unknown>): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = json[column.databaseName] ?? null;
    const timestamp = column.type === 'timestamptz' || column.type === 'timestamp with time zone' || column.type === 'timestamp';
    column.setEntityValue(entity, timestamp && typeof value === 'string' ? new Date(value) : value);
  }
  return entity;
}
