import { z } from 'zod';
import type { Result } from '../result';
import { channels, type ChannelName, type Domain } from './channels';
import type { TerminalSettings, TerminalStatus } from './types';

export const languageSchema = z.enum(['en', 'de']);

/** One zod schema per request; unknown keys are refused so a typo never passes silently. */
export const requestSchemas = {
  [channels.system.status]: z.object({}).strict(),
  [channels.settings.get]: z.object({}).strict(),
  [channels.settings.update]: z.object({ language: languageSchema.optional() }).strict(),
} satisfies Record<ChannelName, z.ZodType>;

/** What each channel answers with when it succeeds. */
export interface ResponseTypes {
  [channels.system.status]: TerminalStatus;
  [channels.settings.get]: TerminalSettings;
  [channels.settings.update]: TerminalSettings;
}

export type RequestOf<C extends ChannelName> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends ChannelName> = ResponseTypes[C];

/** Failures every channel can answer with, besides its own business reasons. */
export type TransportReason =
  'INVALID_REQUEST' | 'UNKNOWN_CHANNEL' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'INTERNAL';
export type IpcResult<T> = Result<T>;

/** `window.pos`: one function per channel, grouped by domain. */
export type PosApi = {
  [D in Domain]: {
    [V in keyof (typeof channels)[D]]: (typeof channels)[D][V] extends infer C extends ChannelName
      ? (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>
      : never;
  };
};
