export enum Role {
  /** 相談員・保健師・心理: frontline staff */
  Consultant = 'consultant',
  /** 係長・所長 */
  Supervisor = 'supervisor',
  /** 都児相連携担当 */
  Liaison = 'liaison',
  /** 監査担当: reads the audit log, no case content */
  Auditor = 'auditor',
  /** システム管理者: users, offices, facilities, settings; no case content */
  Admin = 'admin',
}

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Consultant]: '相談員',
  [Role.Supervisor]: '係長・所長',
  [Role.Liaison]: '都児相連携担当',
  [Role.Auditor]: '監査担当',
  [Role.Admin]: 'システム管理者',
};

/** Roles that may see case content, given the record is in their scope. */
export const CASEWORK_ROLES: readonly Role[] = [Role.Consultant, Role.Supervisor];
