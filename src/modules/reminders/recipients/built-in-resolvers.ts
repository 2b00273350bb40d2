import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../../common/auth/roles';
import { sqlRows } from '../../../database/sql';
import { RecipientResolverRegistry } from './recipient-resolver.registry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Registers the resolvers of the recipients every deployment has: a named user, and a role in an office. */
@Injectable()
export class BuiltInRecipientResolvers implements OnModuleInit {
  constructor(private readonly registry: RecipientResolverRegistry) {}

  onModuleInit(): void {
    this.registry.register('user', {
      isValid: (recipient) => isUuid(recipient.userId),
      resolve: async (_manager: EntityManager, recipient) => [recipient.userId],
      recipientsNamingUserSql: (user) => `SELECT jsonb_build_object('userId', ${user.userId}::text) AS recipient`,
    });
    this.registry.register('office_role', {
      isValid: (recipient) => isUuid(recipient.officeId) && Object.values(Role).includes(recipient.role),
      resolve: async (manager, recipient) =>
        (await sqlRows<{ id: string }>(manager, `SELECT id FROM users WHERE office_id = $1 AND $2 = ANY (roles) AND active ORDER BY id`, [recipient.officeId, recipient.role])).map((row) => row.id),
      recipientsNamingUserSql: (user) => `SELECT jsonb_build_object('officeId', ${user.officeId}::text, 'role', role) AS recipient FROM unnest(${user.roles}) AS role`,
    });
  }
}
