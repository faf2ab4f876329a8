import { useEffect, useId, useState } from 'react';
import { REVIEW_KINDS, REVIEW_STATUSES } from '../../../shared/sync/protocol';
import type { ReviewRow } from '../../../shared/sync/terminal-admin';
import { DateRangeFields } from '../../components/DateRangeFields';
import { SelectField } from '../../components/FormFields';
import { Pager } from '../../components/Pager';
import { StatusBadge } from '../../components/StatusBadge';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useAdminStore } from '../../stores/admin-store';
import { useManageStore } from '../../stores/manage-store';
import { useReviewStore } from '../../stores/terminal-admin-stores';
import { ReviewItemDialog } from './ReviewItemDialog';

const PAGE = 50;

/**
 * What a manager must look at: sales over a limit, records the server held back, restored terminals.
 * The address #/review/<terminal id> shows one terminal's items (the Terminals screen links there).
 */
export function ReviewQueueScreen() {
  const t = useT();
  const id = useId();
  const dateTime = useDateTime();
  const { filter, page, error } = useReviewStore();
  const { setFilter } = useReviewStore.getState();
  const terminalId = useAdminStore((s) => s.rest);
  const go = useAdminStore((s) => s.go);
  const mayAct = useManageStore((s) => s.server?.permissions.includes('codes.manage') ?? false);
  const [open, setOpen] = useState<ReviewRow | null>(null);

  // Loads on arrival and whenever the address names another terminal (or none).
  useEffect(() => {
    setFilter({ terminalId });
  }, [setFilter, terminalId]);

  return (
    <div data-testid="review-screen">
      <div className="manage__toolbar">
        <div className="field-cell">
          <SelectField
            id={`${id}-status`}
            label={t('admin.terminals.status')}
            value={filter.status}
            options={[
              { value: '', label: t('admin.any') },
              ...REVIEW_STATUSES.map((s) => ({ value: s, label: t(`admin.review.status.${s}`) })),
            ]}
            onChange={(status) => setFilter({ status })}
          />
        </div>
        <div className="field-cell">
          <SelectField
            id={`${id}-kind`}
            label={t('admin.review.kind')}
            value={filter.kind}
            options={[
              { value: '', label: t('admin.any') },
              ...REVIEW_KINDS.map((k) => ({ value: k, label: t(`admin.review.kind.${k}`) })),
            ]}
            onChange={(kind) => setFilter({ kind })}
          />
        </div>
        <DateRangeFields
          id={`${id}-range`}
          from={filter.from}
          to={filter.to}
          fromLabel={t('admin.review.from')}
          toLabel={t('admin.review.to')}
          onChange={(from, to) => setFilter({ from, to })}
        />
      </div>
      {filter.terminalId ? (
        <p className="callout" role="note">
          {t('admin.review.oneTerminal')}{' '}
          <button type="button" onClick={() => go('review')}>
            {t('admin.review.allTerminals')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="manage__table">
        <thead>
          <tr>
            <th scope="col">{t('admin.review.raised')}</th>
            <th scope="col">{t('admin.review.kind')}</th>
            <th scope="col">{t('admin.review.terminal')}</th>
            <th scope="col">{t('admin.review.summary')}</th>
            <th scope="col">{t('admin.terminals.status')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((item) => (
            <tr key={item.id} data-review-item={item.id}>
              <th scope="row">{dateTime(item.createdAt)}</th>
              <td>{t(`admin.review.kind.${item.kind}`)}</td>
              <td>{item.terminalName ?? t('admin.review.noTerminal')}</td>
              <td>{item.summary}</td>
              <td>
                <StatusBadge
                  status={item.status}
                  label={t(`admin.review.status.${item.status}`)}
                  testId="review-status"
                />
              </td>
              <td className="manage__actions">
                <button type="button" onClick={() => setOpen(item)}>
                  {t('admin.review.details')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.items.length === 0 ? <p className="muted">{t('admin.none')}</p> : null}
      {page ? (
        <Pager
          offset={filter.offset}
          limit={PAGE}
          total={page.total}
          onChange={(offset) => setFilter({ offset })}
        />
      ) : null}
      {open ? <ReviewItemDialog item={open} mayAct={mayAct} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
