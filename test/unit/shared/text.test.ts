import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/channels';
import { pushRequestSchema } from '../../../shared/sync/protocol';
import { isStorableJson, isStorableText, text } from '../../../shared/text';

describe('text the database can store', () => {
  it('refuses NUL and lone surrogates, and keeps paired ones (emoji) and accents', () => {
    for (const bad of ['\u0000', 'a\u0000', '\ud800', 'x\udc00y', '\ud83d', '\ude00a'])
      expect(isStorableText(bad)).toBe(false);
    for (const good of ['', 'Café', '🎭 Box office', 'a\\u0000', 'Straße'])
      expect(isStorableText(good)).toBe(true);
  });

  it('text() chains like z.string() and says what is wrong', () => {
    const name = text().trim().min(1).max(5);
    expect(name.parse('  ab ')).toBe('ab');
    const refused = name.safeParse('a\u0000');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/NUL character or broken Unicode/);
  });

  it('finds NUL and lone surrogates in JSON text, not an escaped backslash before plain letters', () => {
    expect(isStorableJson(JSON.stringify({ a: 'x\u0000' }))).toBe(false);
    expect(isStorableJson(JSON.stringify({ 'k\u0000': 1 }))).toBe(false);
    expect(isStorableJson(JSON.stringify(['\ud800']))).toBe(false);
    expect(isStorableJson(JSON.stringify({ a: '\\u0000', b: '\\\\ud800', c: '🎭' }))).toBe(true);
    expect(isStorableJson(JSON.stringify({ a: '\\\u0000' }))).toBe(false);
  });

  it('is applied to the IPC contract and to the fields of the sync wire contract', () => {
    const customer = { id: 'c\u0000', name: 'Ann', priorOrders: 0, groups: [] };
    expect(requestSchemas[channels.cart.setCustomer].safeParse({ customer }).success).toBe(false);
    const push = {
      terminalId: '00000000-0000-7000-8000-000000000001',
      epoch: 1,
      mutations: [
        {
          seq: 1,
          mutationId: '00000000-0000-7000-8000-000000000002',
          type: 'sale',
          payload: { 'key\u0000': 1 },
          prevHash: '0'.repeat(64),
          hash: '0'.repeat(64),
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      ],
    };
    // Payload keys are left to the server, which quarantines that one mutation rather than the batch.
    expect(pushRequestSchema.safeParse(push).success).toBe(true);
    const sale = push.mutations[0]!;
    expect(
      pushRequestSchema.safeParse({ ...push, mutations: [{ ...sale, mutationId: 'x\u0000' }] }).success,
    ).toBe(false);
  });
});
