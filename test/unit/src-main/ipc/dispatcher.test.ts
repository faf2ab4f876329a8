import { describe, expect, it } from 'vitest';
import { allChannelNames, channels } from '../../../../shared/ipc/channels';
import { err, ok } from '../../../../shared/result';
import type { Authorize } from '../../../../src-main/ipc/access';
import { createDispatcher, INTERNAL_MESSAGE, type Handlers } from '../../../../src-main/ipc/dispatcher';

/** Admits public channels only, like a terminal nobody is signed in to. */
const signedOut: Authorize = (rule) =>
  rule.kind === 'public' ? ok(undefined) : err('NOT_SIGNED_IN', 'Sign in with your PIN first.');

/** Every channel answers null unless a test gives it a real handler. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = Object.fromEntries(allChannelNames.map((channel) => [channel, () => ok(null)]));
  return {
    ...base,
    [channels.settings.get]: () => ok({ language: 'en' as const }),
    [channels.settings.update]: (request: { language?: 'en' | 'de' }) =>
      ok({ language: request.language ?? 'en' }),
    ...overrides,
  } as Handlers;
}

describe('createDispatcher', () => {
  const logged: unknown[] = [];
  const dispatch = createDispatcher(
    handlers({
      [channels.settings.get]: () => {
        throw new Error('disk on fire at /secret/path');
      },
    }),
    signedOut,
    (error) => logged.push(error),
  );

  it('passes a parsed request to its handler', async () => {
    expect(await dispatch(channels.settings.update, { language: 'de' })).toEqual({
      ok: true,
      value: { language: 'de' },
    });
  });

  it('refuses an unknown channel', async () => {
    const result = await dispatch('pos:system:format-disk', {});
    expect(result).toMatchObject({ ok: false, reason: 'UNKNOWN_CHANNEL' });
  });

  it('refuses a request that fails its schema and names the field', async () => {
    const result = await dispatch(channels.settings.update, { language: 'xx' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('INVALID_REQUEST');
      expect(result.message).toContain('language');
    }
  });

  it('refuses unknown keys and non-object requests', async () => {
    expect(await dispatch(channels.system.status, { admin: true })).toMatchObject({
      reason: 'INVALID_REQUEST',
    });
    expect(await dispatch(channels.system.status, 'DROP TABLE')).toMatchObject({ reason: 'INVALID_REQUEST' });
    expect(await dispatch(channels.system.status, null)).toMatchObject({ reason: 'INVALID_REQUEST' });
  });

  it('checks the access rule before parsing and never runs a refused handler', async () => {
    let ran = false;
    const guarded = createDispatcher(
      handlers({
        [channels.cart.clear]: () => {
          ran = true;
          return ok(null as never);
        },
      }),
      signedOut,
      () => undefined,
    );
    // An invalid body to a channel the caller may not use is refused for access, not described.
    expect(await guarded(channels.cart.clear, 'DROP TABLE')).toMatchObject({ reason: 'NOT_SIGNED_IN' });
    expect(await guarded(channels.cart.clear, {})).toMatchObject({ reason: 'NOT_SIGNED_IN' });
    expect(ran).toBe(false);
  });

  it('turns a thrown bug into a sentence without leaking the stack', async () => {
    const result = await dispatch(channels.settings.get, {});
    expect(result).toEqual({ ok: false, reason: 'INTERNAL', message: INTERNAL_MESSAGE });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(logged).toHaveLength(1);
  });
});
