import { connect } from 'node:net';
import type { PrinterFault } from '../../../shared/ipc/domains/printing';
import { faultFromStatus, paperNearEnd, STATUS_QUERY, STATUS_REPLY_LENGTH } from './escpos-status';
import type { PrintOutput, SendResult } from './output';
import { toEscPos } from './render';

export interface NetworkOutputOptions {
  connectTimeoutMs: number;
  /** How long the printer may take to answer the status query. */
  statusTimeoutMs: number;
  /** How long sending the job and closing the connection may take. */
  sendTimeoutMs: number;
}

export const DEFAULT_NETWORK_TIMEOUTS: NetworkOutputOptions = {
  connectTimeoutMs: 3_000,
  statusTimeoutMs: 2_000,
  sendTimeoutMs: 10_000,
};

type Phase = 'connecting' | 'status' | 'sending' | 'closing';

/**
 * ESC/POS over TCP (port 9100, "raw"). One connection per job: ask the real-time status, send the
 * job only if the printer can print it, then close and wait for the printer to close too.
 */
export function createNetworkOutput(options: NetworkOutputOptions = DEFAULT_NETWORK_TIMEOUTS): PrintOutput {
  return {
    send(payload, settings) {
      const host = settings.host;
      if (settings.output !== 'network' || !host)
        return Promise.resolve({ ok: false, fault: 'NOT_CONFIGURED' });
      const job = toEscPos(payload.markup, payload.cpl);
      return new Promise<SendResult>((resolve) => {
        const socket = connect({ host, port: settings.port });
        let phase: Phase = 'connecting';
        let reply = Buffer.alloc(0);
        let timer: NodeJS.Timeout | undefined;
        let settled = false;
        let paperLow = false;

        const finish = (result: SendResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.destroy();
          resolve(result);
        };
        const fail = (fault: PrinterFault, detail?: string) => finish({ ok: false, fault, detail });
        const deadline = (ms: number) => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (phase === 'connecting') fail('UNREACHABLE', 'connect timeout');
            else if (phase === 'status') fail('NO_STATUS', 'no status reply');
            else if (phase === 'sending') fail('CONNECTION_LOST', 'send timeout');
            // Every byte was handed over and the printer answered its status a moment ago; a printer
            // that keeps the line open must not get the job again and again.
            else finish({ ok: true, paperLow });
          }, ms);
        };

        deadline(options.connectTimeoutMs);
        socket.setNoDelay(true);
        socket.on('connect', () => {
          phase = 'status';
          deadline(options.statusTimeoutMs);
          socket.write(STATUS_QUERY);
        });
        socket.on('data', (chunk: Buffer) => {
          // After the status, a printer may push automatic status bytes; they change nothing here.
          if (phase !== 'status') return;
          reply = Buffer.concat([reply, chunk]);
          if (reply.length < STATUS_REPLY_LENGTH) return;
          const status = reply.subarray(0, STATUS_REPLY_LENGTH);
          const fault = faultFromStatus(status);
          if (fault) return fail(fault);
          paperLow = paperNearEnd(status);
          phase = 'sending';
          deadline(options.sendTimeoutMs);
          socket.write(job, (error) => {
            if (error) return fail('CONNECTION_LOST', error.message);
            phase = 'closing';
            socket.end();
          });
        });
        socket.on('error', (error: NodeJS.ErrnoException) => {
          fail(phase === 'connecting' ? 'UNREACHABLE' : 'CONNECTION_LOST', error.code ?? error.message);
        });
        socket.on('close', () => {
          if (phase === 'closing') finish({ ok: true, paperLow });
          else
            fail(
              phase === 'connecting' ? 'UNREACHABLE' : phase === 'status' ? 'NO_STATUS' : 'CONNECTION_LOST',
              'closed early',
            );
        });
      });
    },
  };
}
