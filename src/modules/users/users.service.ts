import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionCache } from '../auth/session-cache';
import { checkPasswordPolicy } from '../auth/password-policy';
import { Office } from '../offices/office.entity';
import { createInTransaction } from '../audit/write-audit';
import { ChangeOwnPasswordDto, CreateUserDto, ListUsersQuery, UpdateOwnSettingsDto, UpdateUserDto, UserView } from './dto/user.dto';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly auth: AuthService,
    private readonly access: AccessService,
    private readonly sessions: SessionCache,
  ) {}

  /** Admins list everyone; casework staff see the active staff of their own office (to assign workers). */
  async list(actor: Actor, query: ListUsersQuery): Promise<Page<UserView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (hasRole(actor, Role.Admin)) {
      if (query.officeId) qb.andWhere('u.office_id = :officeId', { officeId: query.officeId });
      if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    } else {
      qb.andWhere('u.office_id = :own', { own: actor.officeId }).andWhere('u.active');
    }
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    const total = await qb.clone().getCount();
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(lower(u.login_id), u.id) > (:k, :id)', { k: after[0], id: after[1] });
    const users = await qb.orderBy('lower(u.login_id)').addOrderBy('u.id').limit(limit + 1).getMany();
    const page = toPage(users.map(toView), limit, (u) => [u.loginId.toLowerCase(), u.id]);
    return { ...page, total };
  }

  /** Admins read any user; other staff only colleagues of their own office (another office's user is a 404). */
  async getInScope(actor: Actor, id: string): Promise<UserView> {
    const user = await this.get(id);
    this.access.assertOfficeInScope(actor, user.officeId, 'user', { adminSeesAll: true });
    return user;
  }

  async get(id: string): Promise<UserView> {
    return toView(await this.load(this.dataSource.manager, id));
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    const errors = checkPasswordPolicy(dto.password, dto.loginId);
    if (errors.length) throw validationFailed(errors, 'The password does not meet the policy.');
    await this.assertOfficeOpen(dto.officeId);
    const passwordHash = await this.hasher.hash(dto.password);
    // In a transaction of its own, so the request's staged audit row names the new record.
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(User);
      const saved = await repo.save(
        repo.create({
          loginId: dto.loginId,
          displayName: dto.displayName,
          email: dto.email ?? null,
          officeId: dto.officeId,
          roles: dto.roles,
          passwordHash,
          passwordChangedAt: new Date(),
        }),
      );
      return saved.id;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.load(manager, id, true);
      if (user.version !== dto.version) throw versionConflict();
      const movesOffice = dto.officeId !== undefined && dto.officeId !== user.officeId;
      const changesRoles = dto.roles !== undefined && !sameRoles(dto.roles, user.roles);
      // An administrator changing their own roles or office could drop the last administration of the ward, or give
      // themselves the auditor's log of their own actions or a supervisor's cases: another administrator does it.
      if (id === actor.userId && (movesOffice || changesRoles)) throw businessRule('You cannot change your own roles or office: ask another administrator.');
      if (movesOffice) await this.assertOfficeOpen(dto.officeId as string, manager);
      const { version: _version, ...changes } = dto;
      Object.assign(user, changes);
      await manager.save(user);
      // A new office or roles apply from the next request (the triggers' notification covers the other API processes).
      this.sessions.forgetUser(id);
    });
    return this.get(id);
  }

  async setActive(id: string, active: boolean, actor: Actor): Promise<UserView> {
    if (!active && id === actor.userId) throw businessRule('You cannot deactivate your own account.');
    await this.dataSource.transaction(async (manager) => {
      const user = await this.load(manager, id, true);
      user.active = active;
      await manager.save(user);
      if (!active) await this.auth.revokeAllSessions(manager, id, 'deactivated');
    });
    return this.get(id);
  }

  async unlock(id: string): Promise<UserView> {
    await this.load(this.dataSource.manager, id);
    // In a transaction, like every audited write: its commit stages the audit event (AuditOutbox).
    await this.dataSource.transaction((m) => m.query(`UPDATE users SET locked_until = NULL, failed_login_count = 0, first_failed_login_at = NULL WHERE id = $1`, [id]));
    return this.get(id);
  }

  /** Admin reset: every session of the user ends; the user signs in with the new password. */
  async resetPassword(id: string, newPassword: string): Promise<void> {
    const user = await this.load(this.dataSource.manager, id);
    const errors = checkPasswordPolicy(newPassword, user.loginId, 'newPassword');
    if (errors.length) throw validationFailed(errors, 'The password does not meet the policy.');
    const hash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE users SET password_hash = $2, password_changed_at = now(), locked_until = NULL, failed_login_count = 0, version = version + 1, updated_at = now() WHERE id = $1`, [id, hash]);
      await this.auth.revokeAllSessions(manager, id, 'password_reset');
    });
  }

  /** Own change: needs the current password; other sessions end, this one stays. */
  async changeOwnPassword(actor: Actor, dto: ChangeOwnPasswordDto): Promise<void> {
    if (!(await this.auth.verifyCurrentPassword(actor.userId, dto.currentPassword))) {
      throw validationFailed([{ field: 'currentPassword', code: 'wrong_password', message: '現在のパスワードが正しくありません。' }]);
    }
    const errors = checkPasswordPolicy(dto.newPassword, actor.loginId, 'newPassword');
    if (dto.newPassword === dto.currentPassword) errors.push({ field: 'newPassword', code: 'password_unchanged', message: '新しいパスワードが現在のものと同じです。' });
    if (errors.length) throw validationFailed(errors, 'The password does not meet the policy.');
    const hash = await this.hasher.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET password_hash = $2, password_changed_at = now(), failed_login_count = 0, first_failed_login_at = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
        [actor.userId, hash],
      );
      await this.auth.revokeAllSessions(manager, actor.userId, 'password_changed', actor.sessionId);
    });
  }

  async updateOwnSettings(actor: Actor, dto: UpdateOwnSettingsDto): Promise<UserView> {
    if (dto.emailNotifications !== undefined) {
      await this.dataSource.transaction((m) => m.query(`UPDATE users SET email_notifications = $2, updated_at = now() WHERE id = $1`, [actor.userId, dto.emailNotifications]));
    }
    return this.get(actor.userId);
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<User> {
    const user = await manager.getRepository(User).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw notFound('user');
    return user;
  }

  /** Staff join only an office in service (a closed one is kept for its records, as case transfers also refuse it). */
  private async assertOfficeOpen(officeId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const office = await manager.getRepository(Office).findOne({ where: { id: officeId }, select: { id: true, active: true } });
    if (!office) throw validationFailed([{ field: 'officeId', code: 'unknown_office', message: 'No such office.' }]);
    if (!office.active) throw validationFailed([{ field: 'officeId', code: 'inactive_office', message: 'この事務所は利用停止中です。' }]);
  }
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role)) && b.every((role) => a.includes(role));
}

export function toView(user: User): UserView {
  return {
    id: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    email: user.email,
    officeId: user.officeId,
    roles: user.roles,
    active: user.active,
    emailNotifications: user.emailNotifications,
    lockedUntil: user.lockedUntil,
    lastLoginAt: user.lastLoginAt,
    version: user.version,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
