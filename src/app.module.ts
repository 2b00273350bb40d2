import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AccessModule } from './common/access/access.module';
import { AuthenticationGuard } from './common/auth/authentication.guard';
import { RoleGuard } from './common/auth/role.guard';
import { RoutePolicyCheck } from './common/auth/route-policy.check';
import { QueuesModule } from './common/queues/queues.module';
import { RedisModule } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AuditInterceptor } from './modules/audit/audit.interceptor';
import { AuditApiModule } from './modules/audit/audit-api.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { DictionariesController } from './modules/dictionaries/dictionaries.controller';
import { HealthController } from './modules/health/health.controller';
import { OfficesModule } from './modules/offices/offices.module';
import { RemindersApiModule } from './modules/reminders/reminders-api.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { ShortStaysModule } from './modules/short-stays/short-stays.module';
import { UsersModule } from './modules/users/users.module';
import { PregnancyNotificationsModule } from './modules/pregnancy-notifications/pregnancy-notifications.module';
import { PregnancyInterviewsModule } from './modules/pregnancy-interviews/pregnancy-interviews.module';
import { PostpartumCareModule } from './modules/postpartum-care/postpartum-care.module';
import { FacilitiesModule } from './modules/facilities/facilities.module';
import { FacilityRoundsModule } from './modules/facility-rounds/facility-rounds.module';
import { WatchVisitsModule } from './modules/watch-visits/watch-visits.module';
import { CasesModule } from './modules/cases/cases.module';
import { ChildAbuseReportsModule } from './modules/child-abuse-reports/child-abuse-reports.module';
import { PersonsModule } from './modules/persons/persons.module';
import { ReferralsModule } from './modules/referrals/referrals.module';
import { CentreRequestsModule } from './modules/centre-requests/centre-requests.module';
import { CaseConferencesModule } from './modules/case-conferences/case-conferences.module';
import { MeasuresModule } from './modules/measures/measures.module';

/** The HTTP API: every feature module, behind the global guards and the audit interceptor. */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        DatabaseModule.forProcess('hagukumi'),
        RedisModule,
        QueuesModule,
        DiscoveryModule,
        AccessModule,
        AuditModule,
        AuditApiModule,
        AuthModule,
        UsersModule,
        OfficesModule,
        RemindersModule,
        RemindersApiModule,
        PregnancyNotificationsModule,
        PregnancyInterviewsModule,
        PostpartumCareModule,
        ShortStaysModule,
        FacilitiesModule,
        WatchVisitsModule,
        FacilityRoundsModule,
        PersonsModule,
        CasesModule,
        ChildAbuseReportsModule,
        ReferralsModule,
        CentreRequestsModule,
        CaseConferencesModule,
        MeasuresModule,
      ],
      controllers: [HealthController, DictionariesController],
      providers: [
        // Order matters: authenticate first, then check the role.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RoleGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        RoutePolicyCheck,
      ],
    };
  }
}
