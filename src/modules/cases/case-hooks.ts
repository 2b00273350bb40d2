import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type CaseHook<E> = (manager: EntityManager, event: E) => Promise<void>;

/**
 * Features whose records hang off a case register here to follow what
 * happens to the case, without the cases module importing them. Hooks run
 * inside the transaction that changes the case, so the change and its
 * consequences commit together (or not at all).
 */
class CaseHooks<E> {
  private readonly hooks: Array<{ name: string; hook: CaseHook<E> }> = [];

  register(name: string, hook: CaseHook<E>): void {
    if (this.hooks.some((h) => h.name === name)) throw new Error(`case hook ${name} is already registered`);
    this.hooks.push({ name, hook });
  }

  async run(manager: EntityManager, event: E): Promise<void> {
    for (const { hook } of this.hooks) await hook(manager, event);
  }
}

export interface CaseTransferred {
  caseId: string;
  fromOfficeId: string;
  toOfficeId: string;
  /** The lead worker the receiving office named, if any. */
  leadWorkerId: string | null;
  /** The receiving office's supervisor who accepted. */
  actorId: string;
  /** The calendar date (Japan) of the acceptance. */
  acceptedOn: string;
}

/** 移管: records that carry the office (e.g. a reminder escalating to "the office's supervisors") follow the case. */
@Injectable()
export class CaseTransferHooks extends CaseHooks<CaseTransferred> {}

export interface CaseClosed {
  caseId: string;
  officeId: string;
  /** The calendar date (Japan) of the closure. */
  closedOn: string;
  actorId: string;
  reason: string;
}

/** 終結: ongoing work on the case (visit plans and their reminders) ends with it. */
@Injectable()
export class CaseClosureHooks extends CaseHooks<CaseClosed> {}
