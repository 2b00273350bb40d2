/**
 * A timestamptz column as a cursor key with its full microsecond precision.
 * A JavaScript Date keeps milliseconds only: a cursor built from one would
 * skip rows whose times differ below the millisecond.
 */
export function instantKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
