import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Provides the validated configuration. Tests pass their own object through
 * `ConfigModule.forConfig` so each test file can point at its own database.
 */
@Global()
@Module({})
export class ConfigModule {
  static forConfig(config: AppConfig = loadConfig()) {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
