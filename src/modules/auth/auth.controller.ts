import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor } from '../../common/auth/actor';
import { AnyRole, CurrentActor, Public } from '../../common/auth/decorators';
import { AuditNote, AuditNoteParam, Audited, NotAudited } from '../audit/audited.decorator';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly rateLimiter: LoginRateLimiter) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @NotAudited('AuthService audits success and failure itself, with the login id tried')
  @ApiOkResponse({ type: TokenPairDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<TokenPairDto> {
    await this.rateLimiter.consume(request.ip);
    return this.auth.login(body.loginId, body.password, { requestId: request.id, clientIp: request.ip });
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @NotAudited('rotation is routine; reuse of an old token is audited by AuthService')
  @ApiOkResponse({ type: TokenPairDto })
  async refresh(@Body() body: RefreshDto, @Req() request: FastifyRequest): Promise<TokenPairDto> {
    await this.rateLimiter.consume(request.ip, 'refresh');
    return this.auth.refresh(body.refreshToken, { requestId: request.id, clientIp: request.ip });
  }

  @Post('logout')
  @HttpCode(204)
  @AnyRole()
  @Audited('auth.logout', 'auth_session')
  async logout(@CurrentActor() actor: Actor, @AuditNoteParam() note: AuditNote): Promise<void> {
    note.resourceId = actor.sessionId;
    await this.auth.logout(actor.sessionId);
  }
}
