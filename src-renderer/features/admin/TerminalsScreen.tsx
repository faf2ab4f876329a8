import { useEffect, useId, useState } from 'react';
import { TERMINAL_STATUSES, type TerminalRow } from '../../../shared/sync/terminal-admin';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FilterSelect } from '../../components/FormFields';
import { PagedTable } from '../../components/PagedTable';
import { SearchField } from '../../components/SearchField';
import { StatusBadge } from '../../components/StatusBadge';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useAdminStore } from '../../stores/admin-store';
import { useTerminalStore } from '../../stores/terminal-admin-stores';
import { EnrolmentCodeDialog } from './EnrolmentCodeDialog';
import { LeaseCapForm, LeasesDialog } from './TerminalDialogs';
import { OfflineLimitsDialog } from './OfflineLimitsDialog';
import { OveruseCapDialog } from './OveruseCapDialog';
import { TerminalTrainingDialog } from './TerminalTrainingDialog';
import { VoucherShareDialog } from './VoucherShareDialog';

const PAGE = 50;

/**
 * The organisation's terminals: where each stands, when the server last heard from it and what it holds
 * in leases; new enrolment codes, lease caps, offline limits, overuse caps, voucher shares, training, revoking. Only what the server has received is shown.
 */
export function TerminalsScreen() {
  const t = useT();
  const id = useId();
  const dateTime = useDateTime();
  const money = useMoney();
  const { filter, page, error, editing } = useTerminalStore();
  const { setFilter, load, startEdit, remove } = useTerminalStore.getState();
  const go = useAdminStore((s) => s.go);
  const [enrolling, setEnrolling] = useState(false);
  const [leasesOf, setLeasesOf] = useState<TerminalRow | null>(null);
  const [revoking, setRevoking] = useState<TerminalRow | null>(null);
  const [offlineOf, setOfflineOf] = useState<TerminalRow | null>(null);
  const [overuseOf, setOveruseOf] = useState<TerminalRow | null>(null);
  const [trainingOf, setTrainingOf] = useState<TerminalRow | null>(null);
  const [shareOf, setShareOf] = useState<TerminalRow | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const when = (iso: string | null) => (iso ? dateTime(iso) : t('admin.terminals.never'));
  const cap = (row: TerminalRow) =>
    row.leaseCapPercent === null
      ? t('admin.terminals.leaseCapDefault', { percent: row.effectiveLeaseCapPercent })
      : t('admin.terminals.leaseCapValue', { percent: row.leaseCapPercent });
  const offline = (row: TerminalRow) =>
    row.offlineMaxSale === null && row.offlineMaxMinutes === null
      ? t('admin.terminals.offlineNone')
      : t('admin.terminals.offlineSummary', {
          sale:
            row.offlineMaxSale === null
              ? t('admin.terminals.offlineNoSale')
              : money(row.offlineMaxSale, row.currency),
          minutes:
            row.offlineMaxMinutes === null
              ? t('admin.terminals.offlineNoMinutes')
              : t('admin.terminals.offlineMinutesValue', { minutes: row.offlineMaxMinutes }),
        });

  return (
    <div data-testid="terminals-screen">
      <div className="manage__toolbar">
        <SearchField
          id={`${id}-q`}
          label={t('admin.search')}
          value={filter.q}
          onSearch={(q) => setFilter({ q })}
        />
        <FilterSelect
          id={`${id}-status`}
          label={t('admin.terminals.status')}
          anyLabel={t('admin.any')}
          value={filter.status}
          values={TERMINAL_STATUSES}
          labelOf={(s) => t(`admin.terminals.status.${s}`)}
          onChange={(status) => setFilter({ status })}
        />
        <button type="button" className="primary" onClick={() => setEnrolling(true)}>
          {t('admin.terminals.newCode')}
        </button>
      </div>
      <p className="muted small">{t('admin.terminals.syncHint')}</p>
      <PagedTable
        columns={[
          t('admin.field.name'),
          t('admin.terminals.venue'),
          t('admin.terminals.status'),
          t('admin.terminals.sync'),
          t('admin.terminals.leases'),
          t('admin.terminals.leaseCap'),
          t('admin.terminals.offline'),
          t('admin.terminals.overuseCap'),
          t('admin.terminals.voucherShare'),
          t('admin.terminals.training'),
          t('admin.terminals.openReview'),
          t('admin.actions'),
        ]}
        page={page}
        error={error}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        emptyText={t('admin.none')}
        row={(row) => (
          <tr key={row.id} data-terminal={row.id}>
            <th scope="row">{row.name}</th>
            <td>{row.venueName}</td>
            <td>
              <StatusBadge
                status={row.status}
                label={t(`admin.terminals.status.${row.status}`)}
                testId="terminal-status"
              />
              {row.state === 'restore_detected' ? (
                <div className="small">{t('admin.terminals.restoreDetected')}</div>
              ) : null}
            </td>
            <td data-testid="terminal-sync">
              <div>{t('admin.terminals.lastPush', { at: when(row.lastPushAt) })}</div>
              <div>{t('admin.terminals.lastPull', { at: when(row.lastPullAt) })}</div>
              {row.pendingSales === null ? null : (
                <div data-testid="terminal-pending" className={row.pendingSales > 0 ? 'warning' : undefined}>
                  {t('admin.terminals.pending', { count: row.pendingSales })}
                </div>
              )}
              <div className="muted small">{t('admin.terminals.received', { seq: row.lastSeq })}</div>
            </td>
            <td>
              {row.leasesHeld === 0 || row.nextLeaseExpiry === null
                ? t('admin.terminals.noLeases')
                : t('admin.terminals.leasesSummary', {
                    leases: row.leasesHeld,
                    units: row.unitsHeld,
                    expiry: dateTime(row.nextLeaseExpiry),
                  })}
            </td>
            <td>{cap(row)}</td>
            <td data-testid="terminal-offline">{offline(row)}</td>
            <td data-testid="terminal-overuse-cap">
              {row.overuseCap === null
                ? t('admin.terminals.overuseNone')
                : t('admin.terminals.overusePerDay', { cap: row.overuseCap })}
            </td>
            <td data-testid="terminal-voucher-share">
              {t('admin.terminals.voucherShareValue', {
                percent: row.voucherSharePercent,
              })}
            </td>
            <td data-testid="terminal-training" data-training={row.training}>
              {t(row.training ? 'admin.terminals.trainingOn' : 'admin.terminals.trainingOff')}
            </td>
            <td>{row.openReviewItems}</td>
            <td className="manage__actions">
              <button type="button" onClick={() => setLeasesOf(row)}>
                {t('admin.terminals.showLeases')}
              </button>
              <button type="button" onClick={() => go('review', row.id)}>
                {t('admin.terminals.showReview')}
              </button>
              <button type="button" onClick={() => startEdit(row)}>
                {t('admin.terminals.setCap')}
              </button>
              <button type="button" onClick={() => setOfflineOf(row)}>
                {t('admin.terminals.setOffline')}
              </button>
              <button type="button" onClick={() => setOveruseOf(row)}>
                {t('admin.terminals.setOveruse')}
              </button>
              <button type="button" onClick={() => setShareOf(row)}>
                {t('admin.terminals.setVoucherShare')}
              </button>
              <button type="button" onClick={() => setTrainingOf(row)}>
                {t(row.training ? 'admin.terminals.endTraining' : 'admin.terminals.startTraining')}
              </button>
              {row.status === 'active' ? (
                <button type="button" onClick={() => setRevoking(row)}>
                  {t('admin.terminals.revoke')}
                </button>
              ) : null}
            </td>
          </tr>
        )}
      />
      {enrolling ? <EnrolmentCodeDialog onClose={() => setEnrolling(false)} /> : null}
      {leasesOf ? <LeasesDialog terminal={leasesOf} onClose={() => setLeasesOf(null)} /> : null}
      {offlineOf ? (
        <OfflineLimitsDialog
          terminal={offlineOf}
          onClose={() => setOfflineOf(null)}
          onSaved={() => {
            setOfflineOf(null);
            void load();
          }}
        />
      ) : null}
      {overuseOf ? (
        <OveruseCapDialog
          terminal={overuseOf}
          onClose={() => setOveruseOf(null)}
          onSaved={() => {
            setOveruseOf(null);
            void load();
          }}
        />
      ) : null}
      {shareOf ? (
        <VoucherShareDialog
          terminal={shareOf}
          onClose={() => setShareOf(null)}
          onSaved={() => {
            setShareOf(null);
            void load();
          }}
        />
      ) : null}
      {trainingOf ? (
        <TerminalTrainingDialog
          terminal={trainingOf}
          onClose={() => setTrainingOf(null)}
          onSaved={() => void load()}
        />
      ) : null}
      {editing?.mode === 'edit' ? <LeaseCapForm key={editing.row.id} terminal={editing.row} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={t('admin.terminals.revokeTitle', { name: revoking.name, venue: revoking.venueName })}
          body={t('admin.terminals.revokeBody', {
            seq: revoking.lastSeq,
            push: when(revoking.lastPushAt),
            units: revoking.unitsHeld,
          })}
          confirmLabel={t('admin.terminals.revokeConfirm')}
          onConfirm={async () => (await remove(revoking))?.message ?? null}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </div>
  );
}
