import { useT } from '../i18n/use-t';
import type { KeysetState } from '../stores/keyset-store';
import { RowsTable, type RowsTableProps } from './RowsTable';

interface KeysetTableProps<Row> extends Omit<RowsTableProps<Row>, 'rows' | 'error' | 'busy'> {
  list: Pick<KeysetState<Row, object, unknown>, 'page' | 'cursors' | 'loading' | 'error' | 'newer' | 'older'>;
}

/**
 * A keyset page of a report (newest first) as a table with Newer / Older. No "26–50 of 1,204" as
 * PagedTable shows: counting every row is what keyset paging avoids.
 */
export function KeysetTable<Row>({ list, ...table }: KeysetTableProps<Row>) {
  const t = useT();
  const { page, cursors, loading, error, newer, older } = list;
  return (
    <>
      <RowsTable {...table} rows={page?.rows ?? null} error={error} busy={loading} />
      <div className="button-row pager">
        <button type="button" disabled={cursors.length <= 1} onClick={newer}>
          {t('list.newer')}
        </button>
        <button type="button" disabled={!page?.next} onClick={older}>
          {t('list.older')}
        </button>
      </div>
    </>
  );
}
