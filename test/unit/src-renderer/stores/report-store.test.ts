// The bridge is imported first: it puts window.pos in place before the stores' api module reads it.
import { answerLeftovers, connectHeld, settle, type HeldCall } from './bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeReport, OverusePage } from '../../../../shared/ipc/domains/manage';
import { useReportStore } from '../../../../src-renderer/stores/report-store';

const reports = () => useReportStore.getState();
// Only which answer the store keeps matters here, so an answer is told apart by a tag.
const report = (tag: string) => ({ tag }) as unknown as CodeReport;
const overuses = (tag: string) => ({ tag }) as unknown as OverusePage;

describe('the report store', () => {
  let held: HeldCall[];
  beforeEach(() => {
    held = connectHeld();
  });
  afterEach(async () => {
    await answerLeftovers(held, { ok: true, value: report('left over') });
    reports().reset();
  });

  it('keeps the answer to the newest filters when an older load answers last', async () => {
    reports().setGroupBy('parent');
    reports().setUsedOnly(false);
    expect(held.map((call) => call.request)).toMatchObject([
      { groupBy: 'parent', usedOnly: true },
      { groupBy: 'parent', usedOnly: false },
    ]);
    held[1]!.answer({ ok: true, value: report('newest') });
    await settle();
    held[0]!.answer({ ok: true, value: report('older') });
    await settle();
    expect(reports()).toMatchObject({ report: report('newest'), loading: false, error: null });
  });

  it('does not let an older failure overwrite the newest answer', async () => {
    void reports().loadReport();
    void reports().loadReport();
    held[1]!.answer({ ok: true, value: report('newest') });
    await settle();
    held[0]!.answer({ ok: false, reason: 'SERVER_UNREACHABLE', message: 'The server is not answering.' });
    await settle();
    expect(reports()).toMatchObject({ report: report('newest'), loading: false, error: null });
  });

  it('drops report and overuse answers still on their way when reset (staff signed out)', async () => {
    reports().setRange('2026-11-01', '2026-11-30');
    void reports().loadReport();
    void reports().loadOveruses();
    reports().reset();
    held[0]!.answer({ ok: true, value: report('previous person') });
    held[1]!.answer({ ok: true, value: overuses('previous person') });
    await settle();
    const { report: shown, overuses: listed, from, to, loading } = reports();
    expect({ shown, listed, from, to, loading }).toEqual({
      shown: null,
      listed: null,
      from: '',
      to: '',
      loading: false,
    });
  });

  it('asks for whole days: from the first instant of the first day to the last of the last', async () => {
    // Mid-June: no clock change anywhere falls inside, so three days are exactly 72 hours.
    reports().setRange('2026-06-10', '2026-06-12');
    void reports().loadReport();
    const { from, to } = held[0]!.request as { from: string; to: string };
    expect(new Date(from).getHours()).toBe(0);
    expect(Date.parse(to) - Date.parse(from)).toBe(3 * 24 * 3600_000 - 1);
  });
});
