import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { JsonLogger } from '../../../common/logging/json-logger';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

type Transport = ReturnType<typeof createTransport>;

/** SMTP through nodemailer, configured by SMTP_URL; without it the e-mail channel is off and start-up says so. */
@Injectable()
export class Mailer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger: JsonLogger;
  private readonly transport: Transport | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.logger = new JsonLogger(config.logLevel, 'mail');
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl, { from: config.mailFrom }) : null;
  }

  onModuleInit(): void {
    if (this.transport) this.logger.event('info', 'e-mail channel on', { smtpHost: new URL(this.config.smtpUrl ?? '').hostname });
    else this.logger.event('warn', 'e-mail channel off: SMTP_URL is not set; reminders go to the in-app inbox only', {});
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('the e-mail channel is off');
    await this.transport.sendMail(mail);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
