import { Role } from '../auth/roles';
import { decideCaseAccess } from './access.service';

const OWN = 'office-a';
const OTHER = 'office-b';
const consultant = { officeId: OWN, roles: [Role.Consultant] };
const supervisor = { officeId: OWN, roles: [Role.Supervisor] };
const base = { office_id: OWN, status: 'open', restricted: false, assigned: false, office_policy: 'office' as const, shared: false, granted: false };

describe('decideCaseAccess', () => {
  it.each([
    ['consultant, open case of own office', consultant, {}, 'full'],
    ['consultant, closed unassigned case', consultant, { status: 'closed' }, 'none'],
    ['consultant, closed assigned case', consultant, { status: 'closed', assigned: true }, 'full'],
    ['consultant, office policy "assigned only", unassigned', consultant, { office_policy: 'assigned' as const }, 'none'],
    ['consultant, office policy "assigned only", assigned', consultant, { office_policy: 'assigned' as const, assigned: true }, 'full'],
    ['consultant, restricted unassigned', consultant, { restricted: true }, 'break_glass_required'],
    ['consultant, restricted unassigned with a grant', consultant, { restricted: true, granted: true }, 'full'],
    ['consultant, restricted assigned', consultant, { restricted: true, assigned: true }, 'full'],
    ['supervisor, restricted', supervisor, { restricted: true }, 'full'],
    ['supervisor, closed', supervisor, { status: 'closed' }, 'full'],
    ['consultant, other office', consultant, { office_id: OTHER }, 'none'],
    ['supervisor, other office', supervisor, { office_id: OTHER }, 'none'],
    ['consultant, shared from other office', consultant, { office_id: OTHER, shared: true }, 'read_only'],
    ['consultant, shared restricted', consultant, { office_id: OTHER, shared: true, restricted: true }, 'none'],
    ['supervisor, shared restricted', supervisor, { office_id: OTHER, shared: true, restricted: true }, 'read_only'],
    ['liaison, own office', { officeId: OWN, roles: [Role.Liaison] }, {}, 'none'],
    ['admin, own office', { officeId: OWN, roles: [Role.Admin] }, {}, 'none'],
    ['auditor, own office', { officeId: OWN, roles: [Role.Auditor] }, {}, 'none'],
  ])('%s → %s', (_name, actor, overrides, expected) => {
    expect(decideCaseAccess(actor, { ...base, ...overrides })).toBe(expected);
  });
});
