import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { businessRule, notFound, ProblemException, ProblemType, validationFailed } from '../../common/problem/problem';
import { normalizeKana, normalizeKanji } from '../persons/name-normalizer';
import { namedRows } from '../../database/named-sql';
import { InlineMotherDto, MotherSummary } from './dto/mother.dto';

const KATAKANA_NAME = /^[\u30A1-\u30FA\u30FC]+$/;

interface PersonRow {
  id: string;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  sex: string;
}

/**
 * Finds or registers the expectant mother of a 妊娠届. Kept small on purpose:
 * the person registry (issue 4) owns general person CRUD; this only does what
 * a counter clerk needs — pick an existing person, or type her in, with the
 * duplicate check (same kana reading and birth date among the people the
 * caller can see) that needs an explicit `createAnyway` to pass.
 */
@Injectable()
export class MotherRegistration {
  constructor(private readonly access: AccessService) {}

  async resolve(manager: EntityManager, actor: Actor, input: { motherId?: string; mother?: InlineMotherDto; createAnyway?: boolean }): Promise<{ personId: string; created: boolean }> {
    if (!!input.motherId === !!input.mother) {
      throw validationFailed([{ field: 'motherId', code: 'exactly_one_mother', message: '既存の人物(motherId)か新規の妊婦情報(mother)のどちらか一方を指定してください。' }]);
    }
    if (input.motherId) {
      const person = await this.findInScope(manager, actor, input.motherId);
      if (!person) throw notFound('person');
      if (person.sex === 'male') throw businessRule('The person is recorded as male and cannot be the expectant mother.', [{ field: 'motherId', code: 'not_female', message: '性別が男性の人物は妊婦として登録できません。' }]);
      return { personId: person.id, created: false };
    }
    const mother = input.mother as InlineMotherDto;
    const kana = normalizeKana(mother.nameKana);
    if (!KATAKANA_NAME.test(kana)) throw validationFailed([{ field: 'mother.nameKana', code: 'not_kana', message: 'ふりがなはカナで入力してください。' }]);
    if (!input.createAnyway) {
      const candidates = await this.duplicates(manager, actor, kana, mother.birthDate);
      if (candidates.length > 0) {
        throw new ProblemException({
          status: HttpStatus.CONFLICT,
          type: ProblemType.Duplicate,
          title: 'Possible duplicate person',
          detail: '同じふりがなと生年月日の人物が登録されています。既存の人物を選ぶか、別人であれば createAnyway: true で登録してください。',
          extensions: { candidates },
        });
      }
    }
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO persons (office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, address, phone, created_by)
       VALUES ($1, 'expectant_mother', $2, $3, $4, $5, $6, 'female', $7, $8, $9) RETURNING id`,
      [actor.officeId, mother.nameKanji, mother.nameKana, normalizeKanji(mother.nameKanji), kana, mother.birthDate, mother.address ?? null, mother.phone ?? null, actor.userId],
    );
    return { personId: rows[0].id, created: true };
  }

  /** A person the caller can see, or undefined. */
  async findInScope(manager: EntityManager, actor: Actor, personId: string): Promise<PersonRow | undefined> {
    const scope = this.access.personScopeCondition(actor, 'p');
    const rows = await namedRows<PersonRow>(manager, `SELECT p.id, p.name_kanji, p.name_kana, p.birth_date, p.sex FROM persons p WHERE p.id = :personId AND ${scope.sql}`, {
      ...scope.params,
      personId,
    });
    return rows[0];
  }

  private async duplicates(manager: EntityManager, actor: Actor, kana: string, birthDate: string): Promise<MotherSummary[]> {
    const scope = this.access.personScopeCondition(actor, 'p');
    const rows = await namedRows<PersonRow>(
      manager,
      `SELECT p.id, p.name_kanji, p.name_kana, p.birth_date, p.sex FROM persons p
       WHERE p.name_kana_normalized = :kana AND p.birth_date = :birthDate AND ${scope.sql}
       ORDER BY p.created_at, p.id LIMIT 10`,
      { ...scope.params, kana, birthDate },
    );
    return rows.map((r) => ({ id: r.id, nameKanji: r.name_kanji, nameKana: r.name_kana, birthDate: r.birth_date }));
  }
}
