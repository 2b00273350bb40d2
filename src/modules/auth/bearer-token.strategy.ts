import type { JwtPayload } from 'jsonwebtoken';
import { ExtractJwt } from 'passport-jwt';
import { Strategy } from 'passport-strategy';
import type { VerifiedTokens } from './verified-tokens';

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

type Done = (error: unknown, user?: unknown) => void;

/**
 * Passport's side of the bearer token check: the token from the
 * `Authorization: Bearer …` header (read as passport-jwt reads it), its
 * signature and expiry checked by `VerifiedTokens`, then its claims handed to
 * the verify callback (the subclass's `validate`, through @nestjs/passport).
 * passport-jwt's own strategy does the same but verifies the signature again
 * on every request, with no way to hand it a verifier of our own.
 */
export class BearerTokenStrategy extends Strategy {
  constructor(
    private readonly tokens: VerifiedTokens,
    private readonly verifyClaims: (payload: JwtPayload, done: Done) => void,
  ) {
    super();
  }

  // passport's typings name Express's request; @nestjs/passport hands Fastify's, whose headers read the same.
  override authenticate(request: Parameters<Strategy['authenticate']>[0]): void {
    const token = bearerToken(request);
    if (!token) return this.fail(401);
    const payload = this.tokens.verify(token);
    if (payload === null) return this.fail(401);
    this.verifyClaims(payload, (error, user) => {
      if (error) this.error(error as Error);
      else if (!user) this.fail(401);
      else this.success(user);
    });
  }
}
