import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source-options';

/**
 * The TypeORM connection of a process. Each process names its connections
 * (`hagukumi` for the API, `hagukumi-worker` for the worker), so that
 * pg_stat_activity, the server's logs and the benches' CPU accounting tell
 * the API's load from the worker's sweeps and deliveries.
 */
@Module({})
export class DatabaseModule {
  static forProcess(applicationName: 'hagukumi' | 'hagukumi-worker'): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config, { applicationName }), autoLoadEntities: false }),
        }),
      ],
    };
  }
}
