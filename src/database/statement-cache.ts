/** A statement text is prepared on its second use: one-off texts (a batch insert of an unusual size) never are. */
export const PREPARE_AFTER_USES = 2;
/** Texts remembered per connection, prepared or not; the least recently used beyond this are dropped. */
export const MAX_TRACKED_STATEMENTS = 100;

export interface StatementDecision {
  /** The server-side name to run the text under, or null to run it unnamed (parsed and planned afresh). */
  name: string | null;
  /** Names whose statements were dropped from the cache: the server may deallocate them. */
  dropped: string[];
}

/**
 * Which statement texts of one connection run as named prepared statements.
 * The texts are the application's own SQL (values always travel as
 * parameters), so the set is small and reused: preparing them once saves
 * the parse and, once PostgreSQL settles on a generic plan, the planning of
 * every later call. Least-recently-used texts are dropped to bound the
 * memory the server holds for them. Each preparation gets a fresh name, so
 * a name is never reused for another preparation of the same text.
 */
export class StatementCache {
  private readonly entries = new Map<string, { uses: number; name: string | null }>();
  private prepared = 0;

  constructor(
    private readonly prefix = 'hgk',
    private readonly maxTracked = MAX_TRACKED_STATEMENTS,
    private readonly prepareAfterUses = PREPARE_AFTER_USES,
  ) {}

  use(text: string): StatementDecision {
    const entry = this.entries.get(text) ?? { uses: 0, name: null };
    // Map iteration follows insertion order: re-inserting makes this text the most recently used.
    this.entries.delete(text);
    this.entries.set(text, entry);
    entry.uses += 1;
    if (entry.name === null && entry.uses >= this.prepareAfterUses) entry.name = `${this.prefix}_${++this.prepared}`;
    const dropped: string[] = [];
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.maxTracked) break;
      this.entries.delete(oldest);
      if (old.name) dropped.push(old.name);
    }
    return { name: entry.name, dropped };
  }

  /** Forgets a text (its statement failed in a way re-preparing mends); answers the name it ran under. */
  forget(text: string): string | null {
    const entry = this.entries.get(text);
    this.entries.delete(text);
    return entry?.name ?? null;
  }
}
