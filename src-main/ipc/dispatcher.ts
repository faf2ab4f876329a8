import type { z } from 'zod';
import { allChannelNames, type ChannelName } from '../../shared/ipc/channels';
import {
  requestSchemas,
  type IpcResult,
  type ParsedRequestOf,
  type ResponseOf,
  type TransportReason,
} from '../../shared/ipc/contract';
import { err, type Err } from '../../shared/result';
import { accessRules, type AccessRule, type ActorFor, type Authorize } from './access';

/** A handler gets the parsed request and the actor its channel's access rule admitted. */
export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  actor: ActorFor<C>,
) => IpcResult<ResponseOf<C>> | Promise<IpcResult<ResponseOf<C>>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/**
 * The one entry point both hosts call: check the channel's access rule, parse, run the service, map
 * failures to typed results. The rule is checked before the body is parsed, so a caller who may not
 * use a channel learns nothing about its request format.
 */
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

/** Turns an error a handler threw into a sentence for staff when it has one (a full disk), else null. */
export type DescribeFailure = (error: unknown, channel: ChannelName) => Err<TransportReason> | null;

export function createDispatcher(
  handlers: Handlers,
  authorize: Authorize,
  logError: (error: unknown, channel: string) => void,
  describeFailure: DescribeFailure = () => null,
): Dispatch {
  return async (channel, request) => {
    if (!isChannelName(channel)) {
      return err<TransportReason>(
        'UNKNOWN_CHANNEL',
        `The terminal has no function called ${channel}. Update the app.`,
      );
    }
    const rule: AccessRule = accessRules[channel];
    const actor = authorize(rule);
    if (!actor.ok) return actor;
    const parsed = requestSchemas[channel].safeParse(request);
    if (!parsed.success)
      return err<TransportReason>('INVALID_REQUEST', describeInvalid(channel, parsed.error));
    const extra = rule.kind === 'permission' ? rule.also?.(parsed.data) : undefined;
    if (extra) {
      const more = authorize(
        typeof extra === 'string'
          ? { kind: 'permission', anyOf: [extra] }
          : { kind: 'permission', anyOf: [extra.permission], doing: extra.doing },
      );
      if (!more.ok) return more;
    }
    try {
      const handler = handlers[channel] as (
        req: unknown,
        actor: unknown,
      ) => IpcResult<unknown> | Promise<IpcResult<unknown>>;
      return await handler(parsed.data, actor.value);
    } catch (error) {
      logError(error, channel);
      return describeFailure(error, channel) ?? err<TransportReason>('INTERNAL', INTERNAL_MESSAGE);
    }
  };
}
