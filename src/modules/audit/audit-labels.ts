import { AuditOutcome } from './audit-event.entity';

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  [AuditOutcome.Success]: '成功',
  [AuditOutcome.Denied]: '拒否',
  [AuditOutcome.Failure]: '失敗',
  [AuditOutcome.Error]: 'エラー',
};
