import { SMTPServer } from 'smtp-server';
import { sleep } from './wait';
import { freePort } from '../../scripts/lib/local-servers';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Decoded Subject header. */
  subject: string;
  /** Decoded body of the single-part text message nodemailer writes. */
  text: string;
  raw: string;
}

/**
 * A real SMTP server inside the test process (the `smtp-server` package) on a
 * port reserved up front, so the app can be configured with its URL before it
 * listens: `stop()` makes the mail server "down" (connection refused), and
 * `start()` brings it back on the same port.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;

  private constructor(readonly port: number) {}

  /** Reserves a port; nothing listens until `start()`. */
  static async reserve(): Promise<TestSmtp> {
    return new TestSmtp(await freePort());
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Do not wait for idle connections when stopping: the test wants "down" now.
      closeTimeout: 1_000,
      // Its default reverse DNS lookup of each client stalls where no resolver answers.
      disableReverseLookup: true,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...decodeMessage(raw) });
          callback();
        });
      },
    });
    server.on('error', () => undefined);
    // The port was just released by another server of this test: retry briefly if the kernel still holds it.
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        await new Promise<void>((resolve, reject) => {
          const onError = (error: Error) => reject(error);
          server.server.once('error', onError);
          server.listen(this.port, '127.0.0.1', () => {
            server.server.off('error', onError);
            resolve();
          });
        });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
    this.server = server;
  }

  /** Stops listening: from now on the app's connections are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Mails whose body links to the notification. */
  mailsFor(notificationId: string): ReceivedMail[] {
    return this.received.filter((m) => m.text.includes(`/notifications/${notificationId}`));
  }
}

/** Subject and body of a single-part message as nodemailer writes it (base64 or quoted-printable, encoded-word subject). */
export function decodeMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = (split >= 0 ? raw.slice(0, split) : '').replace(/\r\n[ \t]+/g, ' ');
  const body = split >= 0 ? raw.slice(split + 4) : raw;
  const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
  let text = body;
  if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === 'quoted-printable') text = fromQuotedPrintable(body);
  else text = Buffer.from(body, 'latin1').toString('utf8');
  const subjectRaw = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '';
  return { subject: decodeWords(subjectRaw), text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function fromQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=), adjacent ones joined. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : fromQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
