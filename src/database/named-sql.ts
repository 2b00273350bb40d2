import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from './sql';

/**
 * Runs SQL written with named parameters (`:name`, `:...list`), the style of
 * `AccessService.caseScopeCondition`, so raw set-based queries can embed the
 * scope condition as it is. Only names present in `params` are replaced, so
 * casts such as `::date` are left alone (do not name a parameter like a type).
 */
export async function namedRows<T>(runner: DataSource | EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = positionalSql(sql, params);
  return sqlRows<T>(runner, text, values);
}

/** TypeORM's named parameter: `:name`, or `:...name` for a list spread into one parameter per element. */
const NAMED_PARAMETER = /:(\.\.\.)?([A-Za-z0-9_.]+)/g;

interface CompiledSql {
  /** The text around the parameters: `texts[i]` comes before `parameters[i]`, and one more text ends the SQL. */
  texts: string[];
  parameters: Array<{ name: string; spread: boolean; whole: string }>;
  /** Positional forms already built, by which of the parameters were given (one character each, see `positionalSql`). */
  forms: Map<string, { text: string; names: string[] }>;
}

/**
 * SQL texts seen, split at their parameters. The texts come from a bounded
 * set of builders (scope conditions, filters, list shapes); the limit only
 * guards against a caller that writes values into its SQL.
 */
const compiledTexts = new Map<string, CompiledSql>();
const MAX_COMPILED_TEXTS = 2000;

/**
 * Named parameters to positional ones (`$1`…) with the same answer as
 * TypeORM's `escapeQueryWithParameters` (a name not given stays as it is; a
 * name given twice is one parameter; a list after `:...` is spread; a function
 * is written into the text). TypeORM scans the whole text with a regular
 * expression on every call, which on the long scope conditions of person
 * search cost more CPU than the rest of the request's SQL handling; here each
 * text is split once, and its positional form is built once per set of names
 * given, so a repeated query hands the statement cache the very same string.
 */
export function positionalSql(sql: string, params: Record<string, unknown>): [string, unknown[]] {
  const compiled = compile(sql);
  let given = '';
  let reusable = true;
  for (const { name, spread } of compiled.parameters) {
    const has = Object.hasOwn(params, name);
    given += has ? '1' : '0';
    if (has && (spread || typeof params[name] === 'function')) reusable = false;
  }
  // Spread lists and functions shape the text by their values: built afresh, as TypeORM would.
  if (!reusable) return substitute(compiled, params);
  let form = compiled.forms.get(given);
  if (!form) {
    // Substituted with each given name standing for its own value: the values answered are then the names, in
    // parameter order, which each later call maps to its own values.
    const [text, names] = substitute(compiled, Object.fromEntries(compiled.parameters.filter((_, i) => given[i] === '1').map(({ name }) => [name, name])));
    form = { text, names: names as string[] };
    compiled.forms.set(given, form);
  }
  return [form.text, form.names.map((name) => params[name])];
}

function compile(sql: string): CompiledSql {
  let compiled = compiledTexts.get(sql);
  if (compiled) return compiled;
  compiled = { texts: [], parameters: [], forms: new Map() };
  let from = 0;
  for (const match of sql.matchAll(NAMED_PARAMETER)) {
    compiled.texts.push(sql.slice(from, match.index));
    compiled.parameters.push({ name: match[2], spread: match[1] !== undefined, whole: match[0] });
    from = (match.index as number) + match[0].length;
  }
  compiled.texts.push(sql.slice(from));
  if (compiledTexts.size >= MAX_COMPILED_TEXTS) compiledTexts.clear();
  compiledTexts.set(sql, compiled);
  return compiled;
}

/** TypeORM's substitution, over a split text. */
function substitute(compiled: CompiledSql, params: Record<string, unknown>): [string, unknown[]] {
  const values: unknown[] = [];
  const positionOf = new Map<string, number>();
  let text = compiled.texts[0];
  compiled.parameters.forEach(({ name, spread, whole }, i) => {
    if (!Object.hasOwn(params, name)) {
      text += whole;
    } else if (positionOf.has(name)) {
      text += `$${positionOf.get(name)}`;
    } else if (spread) {
      text += (params[name] as unknown[]).map((value) => `$${values.push(value)}`).join(', ');
    } else if (typeof params[name] === 'function') {
      text += (params[name] as () => string)();
    } else {
      positionOf.set(name, values.push(params[name]));
      text += `$${values.length}`;
    }
    text += compiled.texts[i + 1];
  });
  return [text, values];
}
