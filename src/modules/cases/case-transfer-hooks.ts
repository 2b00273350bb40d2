import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface CaseTransferred {
  caseId: string;
  fromOfficeId: string;
  toOfficeId: string;
}

export type CaseTransferHook = (manager: EntityManager, transfer: CaseTransferred) => Promise<void>;

/**
 * Features whose records hang off a case and carry the office (e.g. a
 * reminder that escalates to "the office's supervisors") register here to
 * follow a case to its new office. Hooks run inside the acceptance
 * transaction, so the move and the follow-ups commit together. The cases
 * module never imports those features.
 */
@Injectable()
export class CaseTransferHooks {
  private readonly hooks: Array<{ name: string; hook: CaseTransferHook }> = [];

  register(name: string, hook: CaseTransferHook): void {
    if (this.hooks.some((h) => h.name === name)) throw new Error(`case transfer hook ${name} is already registered`);
    this.hooks.push({ name, hook });
  }

  async run(manager: EntityManager, transfer: CaseTransferred): Promise<void> {
    for (const { hook } of this.hooks) await hook(manager, transfer);
  }
}
