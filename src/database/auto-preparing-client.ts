import { Client, QueryConfig } from 'pg';
import { StatementCache } from './statement-cache';

/** What pg keeps per connection about the named statements the server has parsed. */
interface ParsedStatements {
  parsedStatements: Record<string, string>;
}

/** PostgreSQL's "cached plan must not change result type": the table changed under a prepared statement. */
const FEATURE_NOT_SUPPORTED = '0A000';

const plainQuery = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;

/**
 * A pg client that runs the application's repeated parameterised statements
 * as named prepared statements (see `StatementCache`): each of them is then
 * parsed once per connection instead of on every call, and planned once when
 * PostgreSQL finds a generic plan as good as a custom one. The scope checks
 * make most statements long, so parsing and planning were a large share of
 * their cost (1-1.5 ms of a 3 ms search at the 1m scale).
 *
 * Only promise-style calls with parameters are prepared. Texts without
 * parameters (BEGIN, COMMIT, migrations with several statements) run as
 * they are, through the simple protocol.
 */
export class AutoPreparingClient extends Client {
  readonly statements = new StatementCache();
}

AutoPreparingClient.prototype.query = function query(this: AutoPreparingClient, ...args: unknown[]): unknown {
  const [text, values, callback] = args;
  if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined) {
    return plainQuery.apply(this, args);
  }
  const statements = this.statements;
  const { name, dropped } = statements.use(text);
  dropped.forEach((old) => deallocate(this, old));
  if (name === null) return plainQuery.call(this, text, values);
  const config: QueryConfig = { name, text, values };
  return (plainQuery.call(this, config) as Promise<unknown>).catch((error: unknown) => {
    // Re-preparing under a new name mends it; other errors are the statement's own and stay as they are.
    if ((error as { code?: string }).code === FEATURE_NOT_SUPPORTED) {
      const stale = statements.forget(text);
      if (stale) deallocate(this, stale);
    }
    throw error;
  });
} as Client['query'];

/**
 * Frees a dropped statement on the server. Only a statement the server
 * confirmed parsing is deallocated: DEALLOCATE of an unknown name would be an
 * error, and inside the caller's transaction an error aborts it. If the
 * transaction is already aborted the DEALLOCATE fails harmlessly and the
 * statement stays until the connection closes (its name is never reused).
 */
function deallocate(client: Client, name: string): void {
  const parsed = (client as unknown as { connection: ParsedStatements }).connection.parsedStatements;
  if (parsed[name] === undefined) return;
  delete parsed[name];
  (plainQuery.call(client, `DEALLOCATE ${name}`) as Promise<unknown>).catch(() => undefined);
}
