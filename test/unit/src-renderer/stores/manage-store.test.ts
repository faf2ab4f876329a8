// The bridge is imported first: it puts window.pos in place before the stores' api module reads it.
import { answerLeftovers, connectHeld, settle, type HeldCall } from './bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodePage } from '../../../../shared/ipc/domains/manage';
import { useManageStore } from '../../../../src-renderer/stores/manage-store';

const manage = () => useManageStore.getState();
// Only which answer the store keeps matters here, so a page is told apart by a tag.
const page = (tag: string) => ({ tag }) as unknown as CodePage;

describe('the manage store: the code list', () => {
  let held: HeldCall[];
  beforeEach(() => {
    held = connectHeld();
  });
  afterEach(async () => {
    await answerLeftovers(held, { ok: true, value: page('left over') });
    manage().reset();
  });

  it('shows the page for the newest filter when an older one answers last', async () => {
    manage().setFilter({ q: 'SUM' });
    manage().setFilter({ q: 'SUMMER' });
    expect(held.map((call) => call.request)).toMatchObject([{ q: 'SUM' }, { q: 'SUMMER' }]);
    held[1]!.answer({ ok: true, value: page('SUMMER') });
    await settle();
    held[0]!.answer({ ok: true, value: page('SUM') });
    await settle();
    expect(manage()).toMatchObject({ page: page('SUMMER'), loading: false });
  });

  it('shows the newest reload of the same filter (the list as it is after a change)', async () => {
    void manage().loadCodes();
    void manage().loadCodes();
    held[1]!.answer({ ok: true, value: page('after the change') });
    await settle();
    held[0]!.answer({ ok: true, value: page('before the change') });
    await settle();
    expect(manage().page).toEqual(page('after the change'));
  });

  it('drops a list still on its way when reset (staff signed out)', async () => {
    void manage().loadCodes();
    manage().reset();
    held[0]!.answer({ ok: true, value: page('previous person') });
    await settle();
    expect(manage()).toMatchObject({ page: null, loading: false });
  });

  it('shows the sign-in form again when the server session has ended', async () => {
    useManageStore.setState({
      server: { signedIn: true } as unknown as ReturnType<typeof manage>['server'],
    });
    void manage().loadCodes();
    held[0]!.answer({ ok: false, reason: 'SERVER_SESSION_ENDED', message: 'Sign in to the server again.' });
    await settle();
    expect(manage()).toMatchObject({
      server: { signedIn: false },
      serverError: 'Sign in to the server again.',
      listError: 'Sign in to the server again.',
    });
  });
});
