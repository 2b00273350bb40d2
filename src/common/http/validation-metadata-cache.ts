import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type GroupedMetadatas = ReturnType<MetadataStorage['groupByPropertyName']>;

/** Marks a storage whose look-ups are already memoised, so that installing twice wraps once. */
const MEMOISED = Symbol('hagukumi.validationMetadataMemoised');

/**
 * Memoises class-validator's metadata look-ups for the life of the process.
 *
 * class-validator answers "which rules apply to this class" afresh for every
 * object it validates, and finds a class's inherited rules by testing the
 * class against every decorated class registered (`instanceof`, a few hundred
 * here), then groups the answer by property. A watch-visit body with its
 * children made that look-up and grouping several times per request: the
 * largest single cost of the validation pipe in a CPU profile of the visit
 * write (~4% of the API's CPU). The rules only change while classes are being
 * declared — at import time — so every registration clears the memo.
 *
 * The arrays and groupings handed out are shared between calls:
 * class-validator reads them and never changes them.
 */
export function memoiseValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [MEMOISED]?: true };
  if (marked[MEMOISED]) return;
  marked[MEMOISED] = true;

  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const byTarget = new Map<Function, Map<string, TargetMetadatas>>();
  const grouped = new WeakMap<TargetMetadatas, GroupedMetadatas>();
  const memoised = new WeakSet<TargetMetadatas>();

  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = JSON.stringify([targetSchema ?? null, always, strictGroups, groups ?? null]);
    let forTarget = byTarget.get(targetConstructor);
    if (!forTarget) byTarget.set(targetConstructor, (forTarget = new Map()));
    let metadatas = forTarget.get(key);
    if (!metadatas) {
      metadatas = lookup(targetConstructor, targetSchema, always, strictGroups, groups);
      forTarget.set(key, metadatas);
      memoised.add(metadatas);
    }
    return metadatas;
  };

  storage.groupByPropertyName = (metadatas) => {
    // Only answers of the memoised look-up are known never to change; anything else is grouped as it comes.
    if (!memoised.has(metadatas)) return group(metadatas);
    let byProperty = grouped.get(metadatas);
    if (!byProperty) grouped.set(metadatas, (byProperty = group(metadatas)));
    return byProperty;
  };

  // A class declared later (a module loaded lazily, a test's own DTO) adds rules: everything memoised may be stale.
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const register = (storage[method] as (...args: unknown[]) => void).bind(storage);
    (storage[method] as (...args: unknown[]) => void) = (...args: unknown[]) => {
      byTarget.clear();
      register(...args);
    };
  }
}
