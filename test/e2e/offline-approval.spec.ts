import { testClock } from '../helpers/terminal';
import { must } from './pages/core-setup';
import { startSyncServer, type SyncServer } from './pages/sync-setup';
import { TerminalPage } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/CASH.md "Offline limits": past the terminal's minutes without the server, the payment dialog
// offers "Supervisor PIN…" in place; a supervisor types their PIN (a wrong one first) and the same
// payment completes, recorded with the supervisor's approval.

test.describe('a supervisor’s PIN past the minutes offline', () => {
  let world: SyncServer | undefined;
  test.afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  test('refused at payment, then completed with a supervisor’s PIN from the keyboard', async ({
    startHost,
    page,
  }) => {
    test.setTimeout(120_000);
    world = await startSyncServer();
    const { catalogue } = world;
    // The terminal's own clock, moved on while the server is away (the server keeps real time).
    const clock = testClock(Date.now());
    const host = await startHost({
      serverUrl: world.server.url,
      demoData: true,
      clock,
      connectivity: { intervalMs: 200, timeoutMs: 500 },
      sync: { autoStart: false },
      printer: { enabled: false },
    });
    await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
    await must(host, 'pos:sync:enrol', { enrolmentCode: await world.enrolmentCode(), name: 'Box office 1' });
    const limits = await world.org.api.put(`/v1/terminals/${host.terminal.terminalId}/offline-limits`, {
      maxSale: null,
      maxMinutes: 1,
    });
    expect(limits.status, limits.text).toBe(200);
    // The staff list is the server's now: its supervisor pulls the limits.
    await must(host, 'pos:staff:signIn', { staffId: catalogue.supervisorId, pin: '8142' });
    await must(host, 'pos:sync:now');
    await must(host, 'pos:staff:signOut');

    const terminal = new TerminalPage(page);
    await terminal.open(host.url);
    await terminal.signIn('Sally Seller', '7305');
    await terminal.openShift();

    // A sale online takes the terminal's seat leases, to sell on offline; then the server goes away
    // for longer than allowed.
    await terminal.pickPerformance(catalogue.performanceId, 'Macbeth');
    await terminal.addItem(catalogue.ticketPriceId);
    await terminal.payCash();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sale-done')).toHaveCount(0);
    await terminal.pickPerformance(catalogue.performanceId, 'Macbeth');
    await terminal.addItem(catalogue.ticketPriceId);
    await world.server.stop();
    clock.advance(2 * 60_000);
    await page.keyboard.press('F4');
    const payment = page.getByTestId('payment-dialog');
    await payment.getByRole('button', { name: 'Complete sale' }).click();
    await expect(payment.getByRole('alert')).toContainText('a supervisor must take each sale now');
    const offer = payment.getByRole('button', { name: 'Supervisor PIN…' });
    await expect(offer).toBeFocused();
    await page.keyboard.press('Enter');

    const approval = page.getByTestId('offline-approval-dialog');
    await expect(approval).toBeVisible();
    await expect(approval.getByLabel('Supervisor', { exact: true })).toHaveValue(catalogue.supervisorId);
    const pin = approval.getByLabel('Supervisor PIN');
    await expect(pin).toBeFocused();
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect(approval.getByRole('alert')).toContainText(/PIN/);
    await expect(pin).toHaveValue('');
    await expect(pin).toBeFocused();
    const sales = () =>
      (host.terminal.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
    expect(sales()).toBe(1);
    await page.keyboard.type('8142');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sale-done')).toBeVisible();
    await expect(approval).toHaveCount(0);
    await expect(payment).toHaveCount(0);
    expect(host.terminal.db.prepare('SELECT kind, approver_id AS approverId FROM approvals').all()).toEqual([
      { kind: 'offline', approverId: catalogue.supervisorId },
    ]);
  });
});
