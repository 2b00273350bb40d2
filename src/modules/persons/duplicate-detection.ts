import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { PersonSummaryRow } from './person-rows';
import { looseKanaKey, looseKanaSql, normalizeKana, normalizeKanji } from './name-normalizer';

export type DuplicateReason = 'same_kana_and_birth_date' | 'same_kanji_and_birth_date' | 'similar_kana_and_same_birth_date' | 'same_kana_birth_date_unknown';

/** Trigram similarity from which two kana keys with the same birth date count as a likely typo. */
export const SIMILAR_KANA_THRESHOLD = 0.5;
const MAX_CANDIDATES = 20;

export interface DuplicateProbe {
  nameKana: string;
  nameKanji?: string | null;
  birthDate?: string | null;
}

export interface StoredPersonKeys {
  nameKanaNormalized: string;
  nameKanjiNormalized: string;
  birthDate: string | null;
  similarity: number;
}

/** Why a stored person looks like the probe; empty when it does not. Pure, so the rules are unit-tested. */
export function duplicateReasons(probe: DuplicateProbe, stored: StoredPersonKeys): DuplicateReason[] {
  const kana = normalizeKana(probe.nameKana);
  const kanji = probe.nameKanji ? normalizeKanji(probe.nameKanji) : null;
  const birth = probe.birthDate ?? null;
  const reasons: DuplicateReason[] = [];
  if (birth !== null && stored.birthDate === birth) {
    if (stored.nameKanaNormalized === kana) reasons.push('same_kana_and_birth_date');
    if (kanji !== null && stored.nameKanjiNormalized === kanji) reasons.push('same_kanji_and_birth_date');
    if (stored.nameKanaNormalized !== kana && (looseKanaKey(stored.nameKanaNormalized) === looseKanaKey(kana) || stored.similarity >= SIMILAR_KANA_THRESHOLD)) {
      reasons.push('similar_kana_and_same_birth_date');
    }
  } else if (stored.nameKanaNormalized === kana && (birth === null || stored.birthDate === null)) {
    reasons.push('same_kana_birth_date_unknown');
  }
  return reasons;
}

export interface DuplicateRow extends PersonSummaryRow {
  name_kanji_normalized: string;
  name_kana_normalized: string;
  similarity: number;
}

/**
 * Likely duplicates among the persons in the caller's scope (never beyond it:
 * another office's records must not be revealed by a duplicate check). The
 * SQL narrows by birth date or exact kana (both indexed); `duplicateReasons`
 * decides.
 */
export async function findDuplicateRows(manager: EntityManager, access: AccessService, actor: Actor, probe: DuplicateProbe, excludeId?: string): Promise<Array<DuplicateRow & { reasons: DuplicateReason[] }>> {
  const kana = normalizeKana(probe.nameKana);
  const scope = access.personScopeCondition(actor, 'p');
  const qb = manager
    .createQueryBuilder()
    .select(['p.id AS id', 'p.office_id AS office_id', 'p.kind AS kind', 'p.name_kanji AS name_kanji', 'p.name_kana AS name_kana'])
    .addSelect(['p.name_kanji_normalized AS name_kanji_normalized', 'p.name_kana_normalized AS name_kana_normalized', 'p.birth_date AS birth_date', 'p.sex AS sex'])
    .addSelect('similarity(p.name_kana_normalized, :kana)', 'similarity')
    .from('persons', 'p')
    .where(scope.sql, scope.params)
    .setParameters({ kana, loose: looseKanaKey(kana), threshold: SIMILAR_KANA_THRESHOLD });
  if (probe.birthDate) {
    qb.andWhere(
      `((p.birth_date = :birth AND (p.name_kana_normalized = :kana OR p.name_kanji_normalized = :kanji
          OR ${looseKanaSql('p.name_kana_normalized')} = :loose OR similarity(p.name_kana_normalized, :kana) >= :threshold))
        OR (p.name_kana_normalized = :kana AND p.birth_date IS NULL))`,
      { birth: probe.birthDate, kanji: probe.nameKanji ? normalizeKanji(probe.nameKanji) : '' },
    );
  } else {
    qb.andWhere('p.name_kana_normalized = :kana');
  }
  if (excludeId) qb.andWhere('p.id <> :excludeId', { excludeId });
  const rows = await qb.orderBy('similarity', 'DESC').addOrderBy('p.id').limit(MAX_CANDIDATES).getRawMany<DuplicateRow>();
  return rows
    .map((row) => ({
      ...row,
      similarity: Number(row.similarity),
      reasons: duplicateReasons(probe, { nameKanaNormalized: row.name_kana_normalized, nameKanjiNormalized: row.name_kanji_normalized, birthDate: row.birth_date, similarity: Number(row.similarity) }),
    }))
    .filter((row) => row.reasons.length > 0);
}
