import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { channels as c } from '../../shared/ipc/channels';
import type { RequestOf } from '../../shared/ipc/contract';

// A real SMTP server on 127.0.0.1 for the mail tests (smtp-server), keeping every mail it accepted,
// parsed with mailparser. It can answer "try later" (4xx) or "never" (5xx) to the next messages, demand a
// sign-in, and be stopped and started again on the same port, as a mail server that goes away and comes
// back.

export interface SmtpSink {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Every mail accepted, in order. */
  readonly received: ParsedMail[];
  /** Each DATA the server answered, accepted or not, in order (its Message-ID). */
  readonly attempts: string[];
  /** The next `count` messages are answered with `code` (e.g. 451 or 550) after their data arrived. */
  refuseNext(count: number, code: number, text?: string): void;
  /** Messages to this address are refused with 550 at RCPT TO. */
  rejectRecipient(address: string): void;
  /** Stops listening; connection attempts are refused until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(
  options: { auth?: { user: string; pass: string } } = {},
): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const attempts: string[] = [];
  const rejected = new Set<string>();
  let refusals: { count: number; code: number; text: string } = { count: 0, code: 0, text: '' };
  let server: SMTPServer | null = null;
  let port = 0;

  const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

  const make = () =>
    new SMTPServer({
      logger: false,
      disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !options.auth,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === options.auth?.user && auth.password === options.auth?.pass)
          callback(null, { user: auth.username });
        else callback(smtpError(535, 'Authentication credentials invalid'));
      },
      onRcptTo(address, _session, callback) {
        if (rejected.has(address.address.toLowerCase())) callback(smtpError(550, 'No such user here'));
        else callback();
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          void simpleParser(raw).then((mail) => {
            attempts.push(mail.messageId ?? '');
            if (refusals.count > 0) {
              refusals.count -= 1;
              callback(smtpError(refusals.code, refusals.text));
              return;
            }
            received.push(mail);
            callback();
          }, callback);
        });
      },
    });

  const sink: SmtpSink = {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    received,
    attempts,
    refuseNext(count, code, text = code >= 500 ? 'Message refused' : 'Try again later') {
      refusals = { count, code, text };
    },
    rejectRecipient: (address) => void rejected.add(address.toLowerCase()),
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
    start: () =>
      new Promise<void>((resolve, reject) => {
        const next = make();
        next.on('error', reject);
        next.listen(port, '127.0.0.1', () => {
          port = (next.server.address() as AddressInfo).port;
          server = next;
          resolve();
        });
      }),
    close: () => sink.stop(),
  };
  await sink.start();
  return sink;
}

/** The settings that point a terminal at `smtp`, as a manager saves them. */
export function sinkSettings(smtp: Pick<SmtpSink, 'host' | 'port'>): RequestOf<typeof c.mail.updateSettings> {
  return {
    host: smtp.host,
    port: smtp.port,
    tls: 'none',
    username: null,
    fromAddress: 'boxoffice@theatre.example',
    language: 'en',
  };
}
