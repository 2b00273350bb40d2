/**
 * A timestamptz column as the text JSON gives a JavaScript Date of it
 * ('2026-11-27T05:00:00.123Z': UTC, milliseconds cut as a Date cuts them).
 * For lists whose instants go straight into the answer: pg would parse each
 * into a Date, and the answer would format it back — in the inbox, three
 * instants a row, that round trip was a large share of the API's CPU per page.
 * The cursor keys keep the full precision (`instantKeySql`, common/pagination).
 */
export function instantTextSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
