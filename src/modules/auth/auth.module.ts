import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionCache } from './session-cache';
import { UnknownLoginLock } from './unknown-login-lock';

@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }) }),
  ],
  controllers: [AuthController],
  providers: [AuthService, JwtStrategy, PasswordHasher, LoginRateLimiter, SessionCache, UnknownLoginLock],
  exports: [AuthService, PasswordHasher, SessionCache],
})
export class AuthModule {}
