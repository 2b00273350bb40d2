/**
 * Every queue and every job name of the system, with the payload each job
 * carries. Payloads hold ids only: processors reload state from the database.
 * The worker refuses to boot unless each job name here has exactly one handler.
 */
export enum QueueName {
  /** Delivery of due reminders to the inbox. */
  Reminders = 'reminders',
  /** The reconciler, alone on its queue so that runs never overlap. */
  ReminderMaintenance = 'reminder-maintenance',
  /** One e-mail per inbox entry, retried with back-off. */
  Mail = 'mail',
  /** Daily, idempotent sweeps in which feature modules re-derive their reminders from their own tables. */
  RuleSweeps = 'rule-sweeps',
}

export enum JobName {
  DeliverReminder = 'reminder.deliver',
  ReconcileReminders = 'reminder.reconcile',
  SendMail = 'mail.send',
  SweepWatchVisitReminders = 'watch_visit.sweep_reminders',
  SweepFacilityRoundReminders = 'facility_round.sweep_reminders',
}

export interface JobPayloads {
  [JobName.DeliverReminder]: { reminderId: string; version: number };
  [JobName.ReconcileReminders]: Record<string, never>;
  [JobName.SendMail]: { mailDeliveryId: string };
  [JobName.SweepWatchVisitReminders]: Record<string, never>;
  [JobName.SweepFacilityRoundReminders]: Record<string, never>;
}

export const JOBS_BY_QUEUE: Record<QueueName, readonly JobName[]> = {
  [QueueName.Reminders]: [JobName.DeliverReminder],
  [QueueName.ReminderMaintenance]: [JobName.ReconcileReminders],
  [QueueName.Mail]: [JobName.SendMail],
  [QueueName.RuleSweeps]: [JobName.SweepWatchVisitReminders, JobName.SweepFacilityRoundReminders],
};

export function queueOf(job: JobName): QueueName {
  const entry = Object.entries(JOBS_BY_QUEUE).find(([, jobs]) => jobs.includes(job));
  if (!entry) throw new Error(`job ${job} belongs to no queue`);
  return entry[0] as QueueName;
}
