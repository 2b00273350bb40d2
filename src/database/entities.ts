import { AuditEvent } from '../modules/audit/audit-event.entity';
import { AuthSession, RefreshToken } from '../modules/auth/auth-session.entity';
import { Office } from '../modules/offices/office.entity';
import { User } from '../modules/users/user.entity';

/** Every entity of the application; one list for the app, the CLI and the tests. */
export const ALL_ENTITIES = [Office, User, AuthSession, RefreshToken, AuditEvent];
