import { Role } from '../../common/auth/roles';
import { CentreRequestAction, ProgressReportAction } from './centre-request.enums';

export interface CentreRequestActor {
  userId: string;
  officeId: string;
  roles: readonly Role[];
}

export interface CentreRequestParties {
  /** The ward office the centre's request was handed to. */
  officeId: string;
  leadWorkerId: string | null;
}

/**
 * Who takes each step of an inbound request, given they can see it:
 * - the liaison (都児相連携担当) records it and corrects what the centre sent;
 * - a supervisor of the office it was handed to assigns the lead worker and
 *   links or opens the case (the liaison does not see cases);
 * - the lead worker or that supervisor starts the work;
 * - the centre's 措置解除 notice or the end is recorded by the liaison or that supervisor.
 */
export function centreRequestActionRefusal(actor: CentreRequestActor, request: CentreRequestParties, action: CentreRequestAction | 'update'): string | null {
  const officeSupervisor = actor.roles.includes(Role.Supervisor) && actor.officeId === request.officeId;
  const liaison = actor.roles.includes(Role.Liaison);
  const leadWorker = request.leadWorkerId !== null && actor.userId === request.leadWorkerId;
  switch (action) {
    case 'update':
      return liaison ? null : 'Only the liaison corrects what the centre sent.';
    case CentreRequestAction.Assign:
      return officeSupervisor ? null : 'Only a supervisor of the office the request was handed to assigns it.';
    case CentreRequestAction.Start:
      return leadWorker || officeSupervisor ? null : 'Only the lead worker or a supervisor of the office starts the work.';
    case CentreRequestAction.Lift:
    case CentreRequestAction.Close:
      return liaison || officeSupervisor ? null : 'Only the liaison or a supervisor of the office records the end.';
  }
}

/**
 * 経過報告: the lead worker writes and submits; a supervisor of the office
 * other than the writer reviews; the liaison or that supervisor marks it sent.
 */
export function progressReportActionRefusal(
  actor: CentreRequestActor,
  request: CentreRequestParties,
  report: { authorId: string } | null,
  action: ProgressReportAction | 'create' | 'edit',
): string | null {
  const officeSupervisor = actor.roles.includes(Role.Supervisor) && actor.officeId === request.officeId;
  const liaison = actor.roles.includes(Role.Liaison);
  switch (action) {
    case 'create':
      return request.leadWorkerId === actor.userId ? null : 'Only the lead worker files progress reports.';
    case 'edit':
    case ProgressReportAction.Submit:
      return report?.authorId === actor.userId ? null : 'Only the writer of the report may do this.';
    case ProgressReportAction.Approve:
    case ProgressReportAction.Return:
      if (!officeSupervisor) return 'Only a supervisor of the office reviews progress reports.';
      return report?.authorId === actor.userId ? 'A supervisor cannot review a report they wrote themselves.' : null;
    case ProgressReportAction.MarkSent:
      return liaison || officeSupervisor ? null : 'Only the liaison or a supervisor of the office records the sending.';
  }
}
