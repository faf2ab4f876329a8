import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import type { KeysetState } from '../stores/keyset-store';

interface KeysetTableProps<Row> {
  /** The column headings, in order; `row` renders the row's <tr> (or several) with as many cells. */
  columns: string[];
  list: Pick<KeysetState<Row, object, unknown>, 'page' | 'cursors' | 'loading' | 'error' | 'newer' | 'older'>;
  /** Said under the headings when the page is empty. */
  emptyText: string;
  row: (row: Row) => ReactNode;
  testId?: string;
}

/**
 * A keyset page of a report (newest first) as a table: its failure, the rows, a sentence for none, and
 * Newer / Older. No "26–50 of 1,204" as PagedTable shows: counting every row is what keyset paging avoids.
 */
export function KeysetTable<Row>({ columns, list, emptyText, row, testId }: KeysetTableProps<Row>) {
  const t = useT();
  const { page, cursors, loading, error, newer, older } = list;
  return (
    <>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="manage__table" aria-busy={loading} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{page?.rows.map(row)}</tbody>
      </table>
      {page && page.rows.length === 0 ? <p className="muted">{emptyText}</p> : null}
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
