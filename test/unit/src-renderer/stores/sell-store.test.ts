// The bridge is imported first: it puts window.pos in place before the stores' api module reads it.
import { answerLeftovers, connectHeld, connectTerminal, settle, type HeldCall } from './bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeOption } from '../../../../shared/ipc/domains/sell';
import { useSellStore } from '../../../../src-renderer/stores/sell-store';
import { useSessionStore } from '../../../../src-renderer/stores/session-store';
import { useShiftStore } from '../../../../src-renderer/stores/shift-store';
import type { TestTerminal } from '../../../helpers/terminal';

const sell = () => useSellStore.getState();

function option(code: string): CodeOption {
  return { codeId: `id-${code}`, code, name: code, description: '', applies: true, saving: 100 };
}

const queryOf = (call: HeldCall | undefined) => (call?.request as { query: string } | undefined)?.query;

describe('the sell store: code search', () => {
  let held: HeldCall[];
  beforeEach(() => {
    held = connectHeld();
  });
  afterEach(async () => {
    await answerLeftovers(held, { ok: true, value: [] });
    sell().reset();
  });

  it('sends one search at a time, then only the newest query typed meanwhile: no older answer can land after a newer one', async () => {
    sell().searchCodes('S');
    sell().searchCodes('SU');
    sell().searchCodes('SUM');
    expect(held.map(queryOf)).toEqual(['S']);

    held[0]!.answer({ ok: true, value: [option('SUMMER20'), option('STAFF50')] });
    await settle();
    expect(sell().search).toMatchObject({ query: 'SUM', answered: 'S' });
    expect(held.map(queryOf)).toEqual(['S', 'SUM']);

    held[1]!.answer({ ok: true, value: [option('SUMMER20')] });
    await settle();
    expect(sell().search).toEqual({
      query: 'SUM',
      answered: 'SUM',
      options: [option('SUMMER20')],
      error: null,
    });
  });

  it('drops an answer that arrives after the dropdown closed, and keeps the typed text', async () => {
    sell().searchCodes('SUMMER');
    sell().closeSearch();
    held[0]!.answer({ ok: true, value: [option('SUMMER20')] });
    await settle();
    expect(sell().search).toEqual({ query: 'SUMMER', answered: null, options: [], error: null });
  });

  it('after the field was emptied, shows the new query’s answer and not the old one’s', async () => {
    sell().searchCodes('SUMMER');
    sell().clearCode();
    sell().searchCodes('TEN');
    expect(held.map(queryOf)).toEqual(['SUMMER']);
    held[0]!.answer({ ok: true, value: [option('SUMMER20')] });
    await settle();
    expect(sell().search.options).toEqual([]);
    expect(held.map(queryOf)).toEqual(['SUMMER', 'TEN']);
    held[1]!.answer({ ok: true, value: [option('TENOFF')] });
    await settle();
    expect(sell().search).toEqual({
      query: 'TEN',
      answered: 'TEN',
      options: [option('TENOFF')],
      error: null,
    });
  });

  it("shows the core's sentence when a search fails, with no options", async () => {
    sell().searchCodes('X');
    held[0]!.answer({ ok: false, reason: 'INTERNAL', message: 'The terminal is not answering.' });
    await settle();
    expect(sell().search).toEqual({
      query: 'X',
      answered: 'X',
      options: [],
      error: 'The terminal is not answering.',
    });
  });

  it('drops a search still on its way when the store is reset (staff signed out)', async () => {
    sell().searchCodes('SUMMER');
    sell().reset();
    held[0]!.answer({ ok: true, value: [option('SUMMER20')] });
    await settle();
    expect(sell().search).toEqual({ query: '', answered: null, options: [], error: null });
  });
});

describe('the sell store: reset', () => {
  let pos: TestTerminal;
  beforeEach(async () => {
    pos = await connectTerminal();
  });
  afterEach(() => pos.close());

  it('puts every field back to its initial state after a sale', async () => {
    const sam = (await pos.must('pos:staff:list')).find((s) => s.name === 'Sam Seller')!;
    expect(await useSessionStore.getState().signIn(sam.id, '4826')).toBe(true);
    expect(await useShiftStore.getState().open(10_000)).toBeNull();

    await sell().loadCatalogue();
    sell().selectEvent(sell().events[1]!.id);
    await sell().selectPerformance('perf-hamlet-1');
    await sell().addTicket('price-hamlet-adult-stalls');
    expect(await sell().checkout([{ tender: 'cash', amount: sell().cart!.total }])).toBeNull();
    sell().searchCodes('TEN');
    await settle();
    expect(await sell().applyCode('NOSUCHCODE')).toBe(false);

    const used = sell();
    expect(used.events.length).toBeGreaterThan(0);
    expect(used.eventId).not.toBeNull();
    expect(used.offer).not.toBeNull();
    expect(used.cart).not.toBeNull();
    expect(used.lastSale).not.toBeNull();
    expect(used.codeError).not.toBeNull();
    expect(used.search.answered).toBe('TEN');

    sell().reset();
    expect(dataOf(sell())).toEqual(dataOf(useSellStore.getInitialState()));
  });
});

/** The store's fields without its functions. */
function dataOf(state: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => typeof value !== 'function'));
}
