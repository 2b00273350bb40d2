import { Role } from '../../common/auth/roles';
import { centreRequestActionRefusal, progressReportActionRefusal } from './centre-request-action-rules';
import { CentreRequestAction, ProgressReportAction } from './centre-request.enums';

const request = { officeId: 'nukui', leadWorkerId: 'worker' };
const worker = { userId: 'worker', officeId: 'nukui', roles: [Role.Consultant] };
const colleague = { userId: 'colleague', officeId: 'nukui', roles: [Role.Consultant] };
const boss = { userId: 'boss', officeId: 'nukui', roles: [Role.Supervisor] };
const bossElsewhere = { userId: 'boss-n', officeId: 'nerima', roles: [Role.Supervisor] };
const liaison = { userId: 'liaison', officeId: 'nerima', roles: [Role.Liaison] };

describe('centreRequestActionRefusal', () => {
  it.each([
    ['liaison corrects', liaison, 'update', true],
    ['supervisor corrects', boss, 'update', false],
    ['office supervisor assigns', boss, CentreRequestAction.Assign, true],
    ['liaison assigns', liaison, CentreRequestAction.Assign, false],
    ['other office supervisor assigns', bossElsewhere, CentreRequestAction.Assign, false],
    ['lead worker starts', worker, CentreRequestAction.Start, true],
    ['colleague starts', colleague, CentreRequestAction.Start, false],
    ['office supervisor starts', boss, CentreRequestAction.Start, true],
    ['liaison lifts', liaison, CentreRequestAction.Lift, true],
    ['office supervisor closes', boss, CentreRequestAction.Close, true],
    ['lead worker lifts', worker, CentreRequestAction.Lift, false],
  ] as const)('%s', (_name, actor, action, allowed) => {
    expect(centreRequestActionRefusal(actor, request, action) === null).toBe(allowed);
  });
});

describe('progressReportActionRefusal', () => {
  const report = { authorId: 'worker' };
  it.each([
    ['lead worker files', worker, null, 'create', true],
    ['colleague files', colleague, null, 'create', false],
    ['supervisor files', boss, null, 'create', false],
    ['writer edits', worker, report, 'edit', true],
    ['colleague edits', colleague, report, 'edit', false],
    ['writer submits', worker, report, ProgressReportAction.Submit, true],
    ['office supervisor approves', boss, report, ProgressReportAction.Approve, true],
    ['office supervisor returns', boss, report, ProgressReportAction.Return, true],
    ['writer approves', worker, report, ProgressReportAction.Approve, false],
    ['supervisor approves own report', boss, { authorId: 'boss' }, ProgressReportAction.Approve, false],
    ['other office supervisor approves', bossElsewhere, report, ProgressReportAction.Approve, false],
    ['liaison approves', liaison, report, ProgressReportAction.Approve, false],
    ['liaison marks sent', liaison, report, ProgressReportAction.MarkSent, true],
    ['writer marks sent', worker, report, ProgressReportAction.MarkSent, false],
  ] as const)('%s', (_name, actor, r, action, allowed) => {
    expect(progressReportActionRefusal(actor, request, r, action) === null).toBe(allowed);
  });
});
