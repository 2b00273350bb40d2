import { SMTPServer } from 'smtp-server';
import { freePort } from '../lib/ports';

const NOTIFICATION_LINK = /\/notifications\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

/**
 * An SMTP server on loopback that accepts every message and counts the
 * reminder e-mails per notification (the id is in the mail's link), so the
 * bench can tell a duplicated e-mail from a lost one.
 */
export class MailSink {
  readonly received = new Map<string, number>();
  unreadable = 0;

  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(): Promise<MailSink> {
    const port = await freePort();
    let sink: MailSink | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Its default reverse DNS lookup of each client stalls every session where no resolver answers.
      disableReverseLookup: true,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          sink?.record(Buffer.concat(chunks).toString('latin1'));
          callback();
        });
      },
    });
    sink = new MailSink(server, port);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get total(): number {
    return [...this.received.values()].reduce((a, b) => a + b, 0);
  }

  get duplicated(): number {
    return [...this.received.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
  }

  private record(raw: string): void {
    const id = NOTIFICATION_LINK.exec(decodeBody(raw))?.[1];
    if (!id) {
      this.unreadable += 1;
      return;
    }
    this.received.set(id, (this.received.get(id) ?? 0) + 1);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The body of a single-part message, decoded from base64 or quoted-printable (what nodemailer writes). */
function decodeBody(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = split >= 0 ? raw.slice(0, split) : '';
  const body = split >= 0 ? raw.slice(split + 4) : raw;
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
