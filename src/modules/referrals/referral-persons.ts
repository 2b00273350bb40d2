import { EntityManager } from 'typeorm';
import { FieldError, validationFailed } from '../../common/problem/problem';
import { MemberRelationship } from '../cases/entities/case-member.entity';
import { ReferralPersonRole } from './referral.enums';

const CHILD_RELATIONSHIPS: readonly string[] = [MemberRelationship.Child, MemberRelationship.Sibling];

/**
 * Names the children concerned and the guardians on a referral. Both must be
 * members of the referral's case; a child is a member as 子 or きょうだい, a
 * guardian any other member. Their details are copied (see ReferralPerson).
 */
export async function replaceReferralPersons(manager: EntityManager, referralId: string, caseId: string, childIds: string[], guardianIds: string[]): Promise<void> {
  const wanted = [...childIds, ...guardianIds];
  const members: Array<{ person_id: string; relationship: string }> = wanted.length
    ? await manager.query(`SELECT person_id, relationship FROM case_members WHERE case_id = $1 AND person_id = ANY($2::uuid[])`, [caseId, wanted])
    : [];
  const relationOf = new Map(members.map((m) => [m.person_id, m.relationship]));
  const errors: FieldError[] = [];
  childIds.forEach((id, i) => {
    const relationship = relationOf.get(id);
    if (!relationship) errors.push({ field: `childIds[${i}]`, code: 'not_a_case_member', message: 'This person is not a member of the case.' });
    else if (!CHILD_RELATIONSHIPS.includes(relationship)) errors.push({ field: `childIds[${i}]`, code: 'not_a_child', message: 'This member is not a child of the household.' });
  });
  guardianIds.forEach((id, i) => {
    const relationship = relationOf.get(id);
    if (!relationship) errors.push({ field: `guardianIds[${i}]`, code: 'not_a_case_member', message: 'This person is not a member of the case.' });
    else if (CHILD_RELATIONSHIPS.includes(relationship)) errors.push({ field: `guardianIds[${i}]`, code: 'not_a_guardian', message: 'This member is a child of the household.' });
    if (childIds.includes(id)) errors.push({ field: `guardianIds[${i}]`, code: 'listed_twice', message: 'A person is either a child concerned or a guardian.' });
  });
  if (errors.length) throw validationFailed(errors, 'The children and guardians must be members of the case.');

  await manager.query(`DELETE FROM referral_persons WHERE referral_id = $1`, [referralId]);
  const rows = [
    ...childIds.map((personId, position) => ({ personId, position, role: ReferralPersonRole.Child })),
    ...guardianIds.map((personId, position) => ({ personId, position, role: ReferralPersonRole.Guardian })),
  ];
  for (const row of rows) {
    await manager.query(
      `INSERT INTO referral_persons (referral_id, person_id, role, position, relationship, name_kanji, name_kana, birth_date, sex, address)
       SELECT $1, p.id, $3, $4, m.relationship, p.name_kanji, p.name_kana, p.birth_date, p.sex, p.address
         FROM persons p JOIN case_members m ON m.person_id = p.id AND m.case_id = $5
        WHERE p.id = $2`,
      [referralId, row.personId, row.role, row.position, caseId],
    );
  }
}

/** Copies the persons' current details again (on submission, so the reviewer approves what the records say now). */
export async function refreshReferralPersons(manager: EntityManager, referralId: string, caseId: string): Promise<void> {
  await manager.query(
    `UPDATE referral_persons rp
        SET name_kanji = p.name_kanji, name_kana = p.name_kana, birth_date = p.birth_date, sex = p.sex, address = p.address,
            relationship = coalesce(m.relationship, rp.relationship)
       FROM persons p LEFT JOIN case_members m ON m.person_id = p.id AND m.case_id = $2
      WHERE rp.referral_id = $1 AND p.id = rp.person_id`,
    [referralId, caseId],
  );
}
