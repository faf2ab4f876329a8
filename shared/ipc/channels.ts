// Every IPC channel, `pos:<domain>:<verb>`. Kept free of zod so the sandboxed preload can import it
// without pulling in the schemas; the schemas and result types live in contract.ts.
export const channels = {
  system: {
    status: 'pos:system:status',
  },
  settings: {
    get: 'pos:settings:get',
    update: 'pos:settings:update',
  },
} as const;

type ValueOf<T> = T[keyof T];
export type Domain = keyof typeof channels;
export type ChannelName = ValueOf<{ [D in Domain]: ValueOf<(typeof channels)[D]> }>;

/** Push events from main to the renderer travel on this one channel. */
export const EVENT_CHANNEL = 'pos:event';

export const allChannelNames: readonly ChannelName[] = Object.values(channels).flatMap(
  (verbs) => Object.values(verbs) as ChannelName[],
);
