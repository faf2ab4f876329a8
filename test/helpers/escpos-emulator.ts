import { createServer, type Server, type Socket } from 'node:net';

// A network thermal printer on 127.0.0.1 for tests: it records what each connection sends, answers the
// real-time status queries (DLE EOT n) from its paper and cover state, and can be switched off or made
// to drop a connection in the middle of a job.

export interface ReceivedJob {
  /** Everything the connection sent except status queries. */
  data: Buffer;
  statusQueries: number;
  /** The client closed the connection normally after sending. */
  complete: boolean;
  /** The emulator reset the connection in the middle of the job. */
  reset: boolean;
}

export interface EscPosEmulator {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly connections: ReceivedJob[];
  /** Jobs that arrived whole: the connection carried data and ended normally. */
  printed(): Buffer[];
  /** Documents that arrived whole: printed() without the connections that only pulsed the drawer. */
  documents(): Buffer[];
  /**
   * How often the drawer was pulsed (ESC p m t1 t2) by a connection that sent nothing else. Pulses are
   * looked for only there: inside a document the same bytes can be part of a raster image.
   */
  drawerPulses(): number;
  paper: 'ok' | 'near-end' | 'end';
  coverOpen: boolean;
  /** Stop listening: connections are refused, as when the printer is off or unplugged. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** The next connection that sends job data is reset once it has sent this many bytes. */
  resetNextJobAfter(bytes: number): void;
  /** Resolves when `count` whole jobs have arrived; rejects after `timeoutMs`. */
  waitForPrinted(count: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

const DLE = 0x10;
const EOT = 0x04;
const ESC = 0x1b;
const PULSE_LENGTH = 5;

/** Data made only of drawer pulses, ESC p m t1 t2 (m = 0 or 1, the drawer connector's pin 2 or 5). */
function onlyPulses(data: Buffer): boolean {
  if (data.length === 0 || data.length % PULSE_LENGTH !== 0) return false;
  for (let i = 0; i < data.length; i += PULSE_LENGTH) {
    if (data[i] !== ESC || data[i + 1] !== 0x70 || (data[i + 2] !== 0 && data[i + 2] !== 1)) return false;
  }
  return true;
}

export async function startEscPosEmulator(): Promise<EscPosEmulator> {
  let server: Server | null = null;
  let port = 0;
  let resetAfter: number | null = null;
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const emulator: EscPosEmulator = {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    connections: [],
    paper: 'ok',
    coverOpen: false,
    printed: () => emulator.connections.filter((c) => c.complete && c.data.length > 0).map((c) => c.data),
    documents: () => emulator.printed().filter((d) => !onlyPulses(d)),
    drawerPulses: () =>
      emulator.connections.reduce((n, c) => n + (onlyPulses(c.data) ? c.data.length / PULSE_LENGTH : 0), 0),
    down,
    up: () => listen(port),
    resetNextJobAfter(bytes) {
      resetAfter = bytes;
    },
    waitForPrinted(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const jobs = emulator.printed();
          if (jobs.length < count) return false;
          waiters.delete(onChange);
          clearTimeout(timer);
          resolve(jobs);
          return true;
        };
        const onChange = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(onChange);
          reject(
            new Error(`the printer received ${emulator.printed().length} whole jobs, expected ${count}`),
          );
        }, timeoutMs);
        waiters.add(onChange);
        check();
      });
    },
    async close() {
      await down();
    },
  };

  /** One byte per query, as an Epson TM answers DLE EOT 1, 2 and 4. */
  const statusByte = (n: number): number => {
    const paperEnd = emulator.paper === 'end';
    if (n === 1) return 0x12 | (paperEnd || emulator.coverOpen ? 0x08 : 0);
    if (n === 2) return 0x12 | (emulator.coverOpen ? 0x04 : 0) | (paperEnd ? 0x20 : 0);
    if (n === 4) return 0x12 | (paperEnd ? 0x60 : 0) | (emulator.paper === 'near-end' ? 0x0c : 0);
    return 0x12;
  };

  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    const job: ReceivedJob = { data: Buffer.alloc(0), statusQueries: 0, complete: false, reset: false };
    emulator.connections.push(job);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      const data: number[] = [];
      let i = 0;
      for (; i < pending.length; i++) {
        const b = pending[i] as number;
        if (b === DLE) {
          // A query split across two packets waits for its last bytes.
          if (i + 2 >= pending.length) break;
          if (pending[i + 1] === EOT) {
            job.statusQueries += 1;
            socket.write(Buffer.from([statusByte(pending[i + 2] as number)]));
            i += 2;
            continue;
          }
        }
        data.push(b);
      }
      pending = pending.subarray(i);
      job.data = Buffer.concat([job.data, Buffer.from(data)]);
      if (resetAfter !== null && job.data.length > 0 && job.data.length >= resetAfter) {
        // Only the bytes before the drop reach the paper.
        job.data = job.data.subarray(0, resetAfter);
        resetAfter = null;
        job.reset = true;
        socket.resetAndDestroy();
        notify();
      }
    });
    socket.on('end', () => {
      if (job.reset) return;
      job.complete = true;
      socket.end();
      notify();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };

  function listen(at: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(at, '127.0.0.1', () => {
        const address = s.address();
        if (address && typeof address === 'object') port = address.port;
        server = s;
        resolve();
      });
    });
  }

  function down(): Promise<void> {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (!s) return Promise.resolve();
    return new Promise((resolve) => s.close(() => resolve()));
  }

  await listen(0);
  return emulator;
}
