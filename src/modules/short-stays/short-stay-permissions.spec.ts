import { Actor } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { allowedShortStayActions, ShortStayActionFacts } from './short-stay-permissions';
import { ShortStayStatus } from './short-stay.enums';

const actor = (userId: string, roles: Role[], officeId = 'nerima'): Actor => ({ userId, loginId: userId, roles, officeId, sessionId: 's', consultantScope: 'office' });
const requester = actor('requester', [Role.Consultant]);
const colleague = actor('colleague', [Role.Consultant]);
const supervisor = actor('supervisor', [Role.Supervisor]);
const stay = (status: ShortStayStatus, more: Partial<ShortStayActionFacts> = {}): ShortStayActionFacts => ({
  status,
  officeId: 'nerima',
  caseOfficeId: 'nerima',
  caseClosed: false,
  requestedBy: 'requester',
  extensionBySupervisor: true,
  ...more,
});

describe('allowedShortStayActions', () => {
  it('offers a request’s change to its requester and its decision to a supervisor of the office who did not request it', () => {
    expect(allowedShortStayActions(requester, stay(ShortStayStatus.Requested))).toEqual(['update', 'cancel']);
    expect(allowedShortStayActions(colleague, stay(ShortStayStatus.Requested))).toEqual(['cancel']);
    expect(allowedShortStayActions(supervisor, stay(ShortStayStatus.Requested))).toEqual(['approve', 'reject', 'cancel']);
    expect(allowedShortStayActions(supervisor, stay(ShortStayStatus.Requested, { requestedBy: 'supervisor' }))).toEqual(['update', 'cancel']);
  });

  it('offers nothing that books nights on a closed case: rejecting and withdrawing stay open', () => {
    expect(allowedShortStayActions(supervisor, stay(ShortStayStatus.Requested, { caseClosed: true }))).toEqual(['reject', 'cancel']);
    expect(allowedShortStayActions(supervisor, stay(ShortStayStatus.InStay, { caseClosed: true }))).toEqual(['complete']);
  });

  it('offers an extension to anyone on the case unless the policy makes it a supervisor’s decision', () => {
    expect(allowedShortStayActions(requester, stay(ShortStayStatus.InStay, { extensionBySupervisor: false }))).toEqual(['extend', 'complete']);
    expect(allowedShortStayActions(requester, stay(ShortStayStatus.InStay))).toEqual(['complete']);
    expect(allowedShortStayActions(supervisor, stay(ShortStayStatus.InStay))).toEqual(['extend', 'complete']);
  });

  it('offers nothing on a case shared for reading, to a role without casework, or in a final state', () => {
    expect(allowedShortStayActions(supervisor, stay(ShortStayStatus.Approved, { caseOfficeId: 'seki' }))).toEqual([]);
    expect(allowedShortStayActions(actor('admin', [Role.Admin]), stay(ShortStayStatus.Approved))).toEqual([]);
    expect(allowedShortStayActions(supervisor, stay(ShortStayStatus.Completed))).toEqual([]);
  });
});
