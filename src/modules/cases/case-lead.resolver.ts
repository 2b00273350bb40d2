import { Injectable, OnModuleInit } from '@nestjs/common';
import { sqlRows } from '../../database/sql';
import { RecipientResolverRegistry } from '../reminders/recipients/recipient-resolver.registry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves the `case_lead` recipient at delivery time, so a reassignment
 * between scheduling and delivery is honoured. A case without an active lead
 * worker of its own office (none named, deactivated, or moved to another
 * office, where the case is out of reach) falls back to its office's
 * supervisors: a 48-hour clock must never ring for nobody, nor for someone
 * who cannot open the case.
 */
@Injectable()
export class CaseLeadRecipientResolver implements OnModuleInit {
  constructor(private readonly registry: RecipientResolverRegistry) {}

  onModuleInit(): void {
    this.registry.register('case_lead', {
      isValid: (recipient) => typeof recipient.caseId === 'string' && UUID.test(recipient.caseId),
      resolve: async (manager, recipient) => {
        const rows = await sqlRows<{ id: string }>(
          manager,
          `WITH lead AS (SELECT u.id FROM cases c JOIN users u ON u.id = c.lead_worker_id AND u.active AND u.office_id = c.office_id WHERE c.id = $1)
           SELECT id FROM lead
           UNION ALL
           SELECT s.id FROM cases c JOIN users s ON s.office_id = c.office_id AND s.active AND 'supervisor' = ANY (s.roles)
            WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM lead)
           ORDER BY 1`,
          [recipient.caseId],
        );
        return rows.map((row) => row.id);
      },
      recipientsNamingUserSql: (user) => `SELECT jsonb_build_object('caseId', lc.id::text) AS recipient FROM cases lc WHERE lc.lead_worker_id = ${user.userId}::text::uuid AND lc.office_id = ${user.officeId}::text::uuid`,
    });
  }
}
