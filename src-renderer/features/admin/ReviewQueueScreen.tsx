import { useEffect, useId, useState } from 'react';
import { REVIEW_KINDS, REVIEW_STATUSES } from '../../../shared/sync/protocol';
import type { ReviewRow } from '../../../shared/sync/terminal-admin';
import { DateRangeFields } from '../../components/DateRangeFields';
import { FilterSelect } from '../../components/FormFields';
import { PagedTable } from '../../components/PagedTable';
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
        <FilterSelect
          id={`${id}-status`}
          label={t('admin.terminals.status')}
          anyLabel={t('admin.any')}
          value={filter.status}
          values={REVIEW_STATUSES}
          labelOf={(s) => t(`admin.review.status.${s}`)}
          onChange={(status) => setFilter({ status })}
        />
        <FilterSelect
          id={`${id}-kind`}
          label={t('admin.review.kind')}
          anyLabel={t('admin.any')}
          value={filter.kind}
          values={REVIEW_KINDS}
          labelOf={(k) => t(`admin.review.kind.${k}`)}
          onChange={(kind) => setFilter({ kind })}
        />
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
      <PagedTable
        columns={[
          t('admin.review.raised'),
          t('admin.review.kind'),
          t('admin.review.terminal'),
          t('admin.review.summary'),
          t('admin.terminals.status'),
          t('admin.actions'),
        ]}
        page={page}
        error={error}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        emptyText={t('admin.none')}
        row={(item) => (
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
        )}
      />
      {open ? <ReviewItemDialog item={open} mayAct={mayAct} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
