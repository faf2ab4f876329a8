import type { z } from 'zod';
import { allChannelNames, type ChannelName } from '../../shared/ipc/channels';
import {
  requestSchemas,
  type IpcResult,
  type ParsedRequestOf,
  type ResponseOf,
  type TransportReason,
} from '../../shared/ipc/contract';
import { err } from '../../shared/result';

export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
) => IpcResult<ResponseOf<C>> | Promise<IpcResult<ResponseOf<C>>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/** The one entry point both hosts call: parse, run the service, map failures to typed results. */
export type Dispatch = (channel: string, request: unknown) => Promise<IpcResult<unknown>>;

const known = new Set<string>(allChannelNames);

export function isChannelName(channel: string): channel is ChannelName {
  return known.has(channel);
}

export const INTERNAL_MESSAGE =
  'Something went wrong in the terminal. Try again; if it keeps happening, restart the app and tell your supervisor.';

export function describeInvalid(channel: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the request';
  return `The request to ${channel} was refused: check ${where} (${issue?.message ?? 'invalid'}).`;
}

export function createDispatcher(
  handlers: Handlers,
  logError: (error: unknown, channel: string) => void,
): Dispatch {
  return async (channel, request) => {
    if (!isChannelName(channel)) {
      return err<TransportReason>(
        'UNKNOWN_CHANNEL',
        `The terminal has no function called ${channel}. Update the app.`,
      );
    }
    const parsed = requestSchemas[channel].safeParse(request);
    if (!parsed.success)
      return err<TransportReason>('INVALID_REQUEST', describeInvalid(channel, parsed.error));
    try {
      const handler = handlers[channel] as (req: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>;
      return await handler(parsed.data);
    } catch (error) {
      logError(error, channel);
      return err<TransportReason>('INTERNAL', INTERNAL_MESSAGE);
    }
  };
}
