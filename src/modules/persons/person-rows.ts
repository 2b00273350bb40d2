import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { namedRows } from '../../database/named-sql';
import { MEMBER_RELATIONSHIP_LABELS, MemberRelationship } from '../cases/entities/case-member.entity';
import { CaseStatus } from '../cases/entities/case.entity';
import { PersonCaseRef, PersonSummary } from './dto/person.dto';
import { PERSON_KIND_LABELS, PersonKind, Sex, SEX_LABELS } from './person.entity';

/** The person columns every person list selects, as raw snake_case aliases. */
export const PERSON_SUMMARY_COLUMNS = ['p.id AS id', 'p.office_id AS office_id', 'p.kind AS kind', 'p.name_kanji AS name_kanji', 'p.name_kana AS name_kana', 'p.birth_date AS birth_date', 'p.sex AS sex'];

export interface PersonSummaryRow {
  id: string;
  office_id: string;
  kind: PersonKind;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  sex: Sex;
}

export function toPersonSummary(row: PersonSummaryRow): PersonSummary {
  return {
    id: row.id,
    officeId: row.office_id,
    kind: row.kind,
    kindLabel: PERSON_KIND_LABELS[row.kind],
    nameKanji: row.name_kanji,
    nameKana: row.name_kana,
    birthDate: row.birth_date,
    sex: row.sex,
    sexLabel: SEX_LABELS[row.sex],
  };
}

/** One row of `casesOfPersonsSql`. */
export interface PersonCaseRow {
  person_id: string;
  id: string;
  case_number: string;
  label: string;
  status: CaseStatus;
  relationship: MemberRelationship;
  office_id: string;
}

/**
 * The cases in the caller's scope of the persons in `:personIds`, newest
 * first, with named parameters. Built here so the bench's bare handler runs
 * the same statement.
 */
export function casesOfPersonsSql(access: AccessService, actor: Actor): { sql: string; params: Record<string, unknown> } {
  const scope = access.caseScopeCondition(actor, 'c');
  return {
    sql: `SELECT m.person_id, c.id, c.case_number, c.label, c.status, m.relationship, c.office_id
            FROM case_members m JOIN cases c ON c.id = m.case_id
           WHERE m.person_id = ANY (:personIds) AND ${scope.sql}
           ORDER BY c.opened_on DESC, c.id`,
    params: scope.params,
  };
}

/** The cases in the caller's scope that each of the given persons belongs to, for one page of persons. */
export async function casesOfPersons(manager: EntityManager, access: AccessService, actor: Actor, personIds: string[]): Promise<Map<string, PersonCaseRef[]>> {
  const result = new Map<string, PersonCaseRef[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return result;
  const { sql, params } = casesOfPersonsSql(access, actor);
  const rows = await namedRows<PersonCaseRow>(manager, sql, { ...params, personIds });
  for (const row of rows) {
    result.get(row.person_id)?.push({
      id: row.id,
      caseNumber: row.case_number,
      label: row.label,
      status: row.status,
      relationship: row.relationship,
      relationshipLabel: MEMBER_RELATIONSHIP_LABELS[row.relationship],
      officeId: row.office_id,
    });
  }
  return result;
}
