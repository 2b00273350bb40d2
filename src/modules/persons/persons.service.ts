import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { notFound, ProblemException, ProblemType, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { definedFields } from '../../common/http/defined-fields';
import { AuditNote } from '../audit/audited.decorator';
import { createInTransaction } from '../audit/write-audit';
import { CreatePersonDto, DuplicateCandidate, DuplicateCheckDto, PersonLinkView, PersonView, UpdatePersonDto } from './dto/person.dto';
import { findDuplicateRows } from './duplicate-detection';
import { isKanaKey, normalizeKana, normalizeKanji } from './name-normalizer';
import { Person, PERSON_KIND_LABELS, SEX_LABELS, Sex } from './person.entity';
import { casesOfPersons, PERSON_SUMMARY_COLUMNS, PersonSummaryRow, toPersonSummary } from './person-rows';

@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Likely duplicates of a person about to be registered, among the persons in the caller's scope. */
  async duplicateCheck(actor: Actor, dto: DuplicateCheckDto): Promise<DuplicateCandidate[]> {
    checkNames(dto.nameKana);
    const rows = await findDuplicateRows(this.dataSource.manager, this.access, actor, dto);
    return rows.map((row) => ({ ...toPersonSummary(row), reasons: row.reasons, similarity: row.similarity }));
  }

  /**
   * Registers a person in the caller's office. Likely duplicates stop the
   * creation (409 `duplicate`, with the candidates) unless the caller says
   * `createAnyway`; either way the candidates and the decision go to the audit log.
   */
  async create(actor: Actor, dto: CreatePersonDto, note: AuditNote): Promise<PersonView> {
    checkNames(dto.nameKana);
    checkBirthDate(dto.birthDate);
    const candidates = await this.duplicateCheck(actor, dto);
    note.details = { createAnyway: dto.createAnyway === true, duplicateCandidateIds: candidates.map((c) => c.id) };
    if (candidates.length > 0 && dto.createAnyway !== true) {
      throw new ProblemException({
        status: HttpStatus.CONFLICT,
        type: ProblemType.Duplicate,
        title: 'Possible duplicate',
        detail: 'Persons with the same or a similar name and date of birth are already registered. Open one of them, or send createAnyway: true to register a new person.',
        extensions: { candidates },
      });
    }
    // In a transaction of its own, so the request's staged audit row names the new record.
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(Person);
      const saved = await repo.save(
        repo.create({
          officeId: actor.officeId,
          kind: dto.kind,
          nameKanji: dto.nameKanji,
          nameKana: dto.nameKana,
          nameKanjiNormalized: normalizeKanji(dto.nameKanji),
          nameKanaNormalized: normalizeKana(dto.nameKana),
          birthDate: dto.birthDate ?? null,
          sex: dto.sex ?? Sex.Unknown,
          address: dto.address ?? null,
          phone: dto.phone ?? null,
          notes: dto.notes ?? null,
          createdBy: actor.userId,
        }),
      );
      return saved.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<PersonView> {
    const { level } = await this.access.assertPersonAccess(manager, actor, id, 'read');
    const person = await manager.getRepository(Person).findOneByOrFail({ id });
    const cases = await casesOfPersons(manager, this.access, actor, [id]);
    return {
      id: person.id,
      officeId: person.officeId,
      kind: person.kind,
      kindLabel: PERSON_KIND_LABELS[person.kind],
      nameKanji: person.nameKanji,
      nameKana: person.nameKana,
      birthDate: person.birthDate,
      sex: person.sex,
      sexLabel: SEX_LABELS[person.sex],
      address: person.address,
      phone: person.phone,
      notes: person.notes,
      accessLevel: level === 'full' ? 'full' : 'read_only',
      cases: cases.get(id) ?? [],
      sameIndividual: await this.linksOf(manager, actor, id),
      version: person.version,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
    };
  }

  async update(actor: Actor, id: string, dto: UpdatePersonDto): Promise<PersonView> {
    if (dto.nameKana !== undefined) checkNames(dto.nameKana);
    checkBirthDate(dto.birthDate);
    return this.dataSource.transaction(async (manager) => {
      await this.access.assertPersonAccess(manager, actor, id, 'write');
      const renamed = dto.nameKana !== undefined || dto.nameKanji !== undefined;
      if (renamed) {
        // A rename is written into each of the person's cases (their member names, by trigger), which locks them.
        // Locked here, before the person, they are taken in the order the case's own writes take them (the case,
        // then its members): taken after it, a rename and the removal of this person from a case could each wait
        // for the other. A case the person joins while the rename waits for the person is locked after it: a
        // removal from that case at that moment still meets the rename as a deadlock, answered 409 (try again).
        await manager.query(`SELECT 1 FROM cases WHERE id IN (SELECT m.case_id FROM case_members m WHERE m.person_id = $1) ORDER BY id FOR NO KEY UPDATE`, [id]);
      }
      const person = await manager.getRepository(Person).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw notFound('person');
      if (person.version !== dto.version) throw versionConflict();
      const { version: _version, ...changes } = definedFields(dto);
      Object.assign(person, changes);
      // The search keys change with the name only: recomputed on any edit, a key the normalisers now fold
      // differently would rename the person in their cases without the locks above.
      if (renamed) {
        person.nameKanaNormalized = normalizeKana(person.nameKana);
        person.nameKanjiNormalized = normalizeKanji(person.nameKanji);
      }
      await manager.save(person);
      return this.get(actor, id, manager);
    });
  }

  /** Active links whose other person is in the caller's scope (a link never reveals a record beyond it). */
  private async linksOf(manager: EntityManager, actor: Actor, id: string): Promise<PersonLinkView[]> {
    const scope = this.access.personScopeCondition(actor, 'p');
    const rows = await manager
      .createQueryBuilder()
      .select(PERSON_SUMMARY_COLUMNS)
      .addSelect(['l.id AS link_id', 'l.reason AS reason', 'l.linked_by AS linked_by', 'l.linked_at AS linked_at'])
      .from('person_links', 'l')
      .innerJoin('persons', 'p', 'p.id = CASE WHEN l.person_id = :id THEN l.linked_person_id ELSE l.person_id END', { id })
      .where('(l.person_id = :id OR l.linked_person_id = :id)')
      .andWhere('l.unlinked_at IS NULL')
      .andWhere(scope.sql, scope.params)
      .orderBy('l.linked_at')
      .getRawMany<PersonSummaryRow & { link_id: string; reason: string; linked_by: string; linked_at: Date }>();
    return rows.map((row) => ({ linkId: row.link_id, person: toPersonSummary(row), reason: row.reason, linkedBy: row.linked_by, linkedAt: row.linked_at }));
  }
}

function checkNames(nameKana: string): void {
  if (!isKanaKey(normalizeKana(nameKana))) {
    throw validationFailed([{ field: 'nameKana', code: 'kana_expected', message: '氏名（カナ）はひらがな又はカタカナで入力してください。' }]);
  }
}

function checkBirthDate(birthDate: string | null | undefined): void {
  if (birthDate && birthDate > todayInJapan()) {
    throw validationFailed([{ field: 'birthDate', code: 'future_date', message: '生年月日が未来の日付です。' }]);
  }
}
