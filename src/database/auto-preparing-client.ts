import { Client, QueryConfig } from 'pg';
import { StatementCache } from './statement-cache';

/** What pg keeps per connection about the named statements the server has parsed. */
interface ParsedStatements {
  parsedStatements: Record<string, string>;
}

/**
 * Errors saying a prepared statement no longer fits the server: "cached plan
 * must not change result type" (a table changed under it) and "prepared
 * statement does not exist" (the server lost it, or pg kept a name the server
 * closed after a failed bind).
 */
const STALE_STATEMENT = new Set(['0A000', '26000']);

const plainQuery = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;

/**
 * Starts a statement text whose best plan depends on its values, so it is
 * never prepared: a "contains" LIKE is answered from a trigram index when the
 * pattern has trigrams and is rare, and by walking the office's rows in list
 * order when it is common or too short for a trigram; only a plan made for
 * the pattern knows which. Prepared, such a statement settles after five
 * calls on one generic plan for every pattern (the case list's member-name
 * count then scanned the whole cases table).
 */
export const PLAN_EACH_CALL = '/* plan each call */ ';

/**
 * A pg client that runs the application's repeated parameterised statements
 * as named prepared statements (see `StatementCache`): each of them is then
 * parsed once per connection instead of on every call, and planned once when
 * PostgreSQL finds a generic plan as good as a custom one. The scope checks
 * make most statements long, so parsing and planning were a large share of
 * their cost (1-1.5 ms of a 3 ms search at the 1m scale).
 *
 * Only promise-style calls with parameters are prepared, and not those whose
 * text starts with PLAN_EACH_CALL. Texts without parameters (BEGIN, COMMIT,
 * migrations with several statements) run as they are, through the simple
 * protocol. Statements dropped from the cache are deallocated only while the
 * connection is idle outside a transaction, where a failing DEALLOCATE
 * cannot abort anyone's work.
 */
export class AutoPreparingClient extends Client {
  readonly statements = new StatementCache();
  /** Names dropped from the cache, to deallocate when the connection is next idle. */
  readonly toDeallocate: string[] = [];

  /** Idle outside a transaction, with nothing queued: what is sent now runs on its own. */
  isIdle(): boolean {
    // pg's own state (not in its type definitions): 'I' is the server's "idle, no transaction" of the last ReadyForQuery.
    const internals = this as unknown as { getTransactionStatus(): string | null; _queryQueue: unknown[]; _activeQuery: unknown };
    return internals.getTransactionStatus() === 'I' && internals._queryQueue.length === 0 && !internals._activeQuery;
  }
}

AutoPreparingClient.prototype.query = function query(this: AutoPreparingClient, ...args: unknown[]): unknown {
  const [text, values, callback] = args;
  if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined || text.startsWith(PLAN_EACH_CALL)) {
    return plainQuery.apply(this, args);
  }
  return runPrepared(this, text, values, this.isIdle());
} as Client['query'];

async function runPrepared(client: AutoPreparingClient, text: string, values: unknown[], idle: boolean): Promise<unknown> {
  if (idle) await deallocateDropped(client);
  const { name, dropped } = client.statements.use(text);
  client.toDeallocate.push(...dropped);
  if (name === null) return plainQuery.call(client, text, values);
  const config: QueryConfig = { name, text, values };
  try {
    return await plainQuery.call(client, config);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const stale = typeof code === 'string' && STALE_STATEMENT.has(code);
    // A statement that failed without an SQL state (a value pg could not serialise, a broken connection) may have
    // left pg's record of it wrong: it is prepared afresh next time, under a new name.
    if (stale || code === undefined) {
      const forgotten = client.statements.forget(text);
      if (forgotten) client.toDeallocate.push(forgotten);
    }
    // Outside a transaction the stale statement's failure changed nothing: run the text again, unprepared.
    if (stale && idle) return plainQuery.call(client, text, values);
    throw error;
  }
}

/**
 * Frees the statements dropped from the cache. Only names the server
 * confirmed parsing are sent (pg forgets them at once, so none is used
 * again); a DEALLOCATE that fails — behind a pooler that renamed the
 * statement, say — is ignored: the connection is idle, nothing is aborted.
 */
async function deallocateDropped(client: AutoPreparingClient): Promise<void> {
  const parsed = (client as unknown as { connection: ParsedStatements }).connection.parsedStatements;
  // One after the other, each answered before the next statement is sent: pg 8 only queues a query sent while
  // another runs, and warns that pg 9 will refuse it. Evictions are rare; the round trips do not add up.
  for (const name of client.toDeallocate.splice(0)) {
    if (parsed[name] === undefined) continue;
    delete parsed[name];
    await (plainQuery.call(client, `DEALLOCATE ${name}`) as Promise<unknown>).catch(() => undefined);
  }
}
