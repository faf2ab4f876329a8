// The simulated network between the terminals' sync clients and the server. Nothing moves on its own:
// a request waits in the queue until a step delivers, drops or duplicates it, and its answer waits
// again until a step hands it back, so fast-check decides every delay and every reordering.

import {
  NETWORK_FAILURE,
  type SyncAnswer as SimResponse,
  type SyncRequest as SimRequest,
  type SyncTransport,
} from '../../src-main/services/sync/transport';

export type { SimRequest, SimResponse };

/** Thrown by the server side when it cannot be reached; the transport turns it into status 0. */
export class NetworkFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkFault';
  }
}

// The core's transport never throws: a failed wire is an answer with status 0 (transport.ts).
const failure = (message: string): SimResponse => ({ status: NETWORK_FAILURE, body: { message } });

interface Waiter {
  resolve(response: SimResponse): void;
}

export interface InFlight {
  id: number;
  node: string;
  /** Which incarnation of the terminal sent it: a crash leaves its messages without a listener. */
  instance: number;
  request: SimRequest;
  /** Set once the server has answered; the message then travels back. */
  response?: SimResponse;
  /** Absent for a duplicate copy made by the network: nobody waits for its answer. */
  waiter?: Waiter;
}

/** Every request the server processed, with its answer, whether or not the answer arrived. */
export interface Delivered {
  node: string;
  request: SimRequest;
  response: SimResponse;
}

export type ServerHandler = (request: SimRequest) => Promise<SimResponse>;

export class SimNetwork {
  readonly queue: InFlight[] = [];
  readonly delivered: Delivered[] = [];
  private readonly partitioned = new Set<string>();
  /** Crashed incarnations: whatever they still try to send goes nowhere. */
  private readonly dead = new Set<string>();
  private nextId = 1;

  constructor(private readonly server: ServerHandler) {}

  /** The transport a terminal incarnation is built with. */
  transportFor(node: string, instance: () => number): SyncTransport {
    return (request) =>
      new Promise<SimResponse>((resolve) => {
        // Clone: the client may reuse its objects, and what was sent is what the server must see.
        const copy = structuredClone(request);
        const from = instance();
        if (this.dead.has(`${node}#${from}`)) {
          resolve(failure('the terminal process is gone'));
          return;
        }
        if (this.partitioned.has(node)) {
          resolve(failure(`partitioned: ${request.path} never left the terminal`));
          return;
        }
        this.queue.push({ id: this.nextId++, node, instance: from, request: copy, waiter: { resolve } });
      });
  }

  isPartitioned(node: string): boolean {
    return this.partitioned.has(node);
  }

  partition(node: string): void {
    this.partitioned.add(node);
  }

  unpartition(node: string): void {
    this.partitioned.delete(node);
  }

  healAll(): void {
    this.partitioned.clear();
  }

  private take(pick: number): InFlight | undefined {
    if (this.queue.length === 0) return undefined;
    const [message] = this.queue.splice(pick % this.queue.length, 1);
    return message;
  }

  /**
   * Moves one message a hop: a request reaches the server (its answer joins the queue), an answer
   * reaches its terminal. A partitioned terminal's messages stay where they are.
   */
  async deliver(pick: number): Promise<void> {
    const message = this.take(pick);
    if (!message) return;
    if (this.partitioned.has(message.node)) {
      this.queue.push(message);
      return;
    }
    if (message.response) {
      message.waiter?.resolve(message.response);
      return;
    }
    let response: SimResponse;
    try {
      response = await this.server(message.request);
    } catch (error) {
      message.waiter?.resolve(failure(`server unreachable: ${(error as Error).message}`));
      return;
    }
    this.delivered.push({ node: message.node, request: message.request, response });
    message.response = response;
    this.queue.push(message);
  }

  /** Loses a message: a lost answer means the server committed and the terminal never heard. */
  drop(pick: number): void {
    const message = this.take(pick);
    message?.waiter?.resolve(
      failure(message.response ? 'answer lost after the server committed' : 'request lost'),
    );
  }

  /** The network sends a request twice; the copy's answer goes nowhere. */
  duplicate(pick: number): void {
    if (this.queue.length === 0) return;
    const message = this.queue[pick % this.queue.length];
    if (!message || message.response) return;
    this.queue.push({
      id: this.nextId++,
      node: message.node,
      instance: message.instance,
      request: message.request,
    });
  }

  /**
   * A terminal incarnation died: requests already on the wire may still arrive, but nobody hears
   * their answers. The dead instance's promises are settled so its code can finish harmlessly.
   */
  orphan(node: string, instance: number): void {
    this.dead.add(`${node}#${instance}`);
    for (const message of this.queue) {
      if (message.node !== node || message.instance !== instance || !message.waiter) continue;
      const waiter = message.waiter;
      delete message.waiter;
      waiter.resolve(failure('the terminal crashed before the answer came'));
    }
  }

  pending(): number {
    return this.queue.length;
  }
}
