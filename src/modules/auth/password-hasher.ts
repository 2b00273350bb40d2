import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes). */
@Injectable()
export class PasswordHasher {
  private static readonly OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

  hash(password: string): Promise<string> {
    return argon2.hash(password, PasswordHasher.OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** A real hash of nothing, verified when the login id is unknown, so timing does not reveal which ids exist. */
  private dummy?: Promise<string>;
  async burn(password: string): Promise<void> {
    this.dummy ??= this.hash('not-a-real-password-for-timing');
    await this.verify(await this.dummy, password);
  }
}
