import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { businessRule, conflict, notFound } from '../../common/problem/problem';
import { sqlRows } from '../../database/sql';
import { AuditNote } from '../audit/audited.decorator';
import { LinkPersonDto, PersonView, UnlinkPersonDto } from './dto/person.dto';
import { PersonsService } from './persons.service';

/** Supervisors confirm that two person records are the same individual, or undo that. */
@Injectable()
export class PersonLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly persons: PersonsService,
  ) {}

  async link(actor: Actor, personId: string, dto: LinkPersonDto, note: AuditNote): Promise<PersonView> {
    if (personId === dto.otherPersonId) throw businessRule('A person cannot be linked to itself.');
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertPersonAccess(manager, actor, personId, 'write');
      await this.access.assertPersonAccess(manager, actor, dto.otherPersonId, 'read');
      const [a, b] = [personId, dto.otherPersonId].sort();
      const rows = await sqlRows<{ id: string }>(
        manager,
        `INSERT INTO person_links (person_id, linked_person_id, reason, linked_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (person_id, linked_person_id) WHERE unlinked_at IS NULL DO NOTHING RETURNING id`,
        [a, b, dto.reason, actor.userId],
      );
      if (!rows[0]) throw conflict('These two records are already linked as the same individual.');
      note.related = [{ resourceType: 'person', resourceId: dto.otherPersonId }];
      note.details = { linkId: rows[0].id };
    });
    note.reason = dto.reason;
    return this.persons.get(actor, personId);
  }

  async unlink(actor: Actor, personId: string, linkId: string, dto: UnlinkPersonDto, note: AuditNote): Promise<PersonView> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertPersonAccess(manager, actor, personId, 'write');
      const rows = await sqlRows<{ person_id: string; linked_person_id: string }>(
        manager,
        `UPDATE person_links SET unlinked_at = now(), unlinked_by = $3, unlink_reason = $4
          WHERE id = $1 AND $2 IN (person_id, linked_person_id) AND unlinked_at IS NULL
          RETURNING person_id, linked_person_id`,
        [linkId, personId, actor.userId, dto.reason],
      );
      if (!rows[0]) throw notFound('person link');
      const other = rows[0].person_id === personId ? rows[0].linked_person_id : rows[0].person_id;
      note.related = [{ resourceType: 'person', resourceId: other }];
      note.details = { linkId };
    });
    note.reason = dto.reason;
    return this.persons.get(actor, personId);
  }
}
