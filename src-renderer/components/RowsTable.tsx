import type { ReactNode } from 'react';

export interface RowsTableProps<Row> {
  /** The column headings, in order; `row` renders the row's <tr> (or several) with as many cells. */
  columns: string[];
  /** The rows shown; null before the first load. */
  rows: readonly Row[] | null;
  /** The last load's failure; the rows already shown stay. */
  error: string | null;
  /** A sentence confirming the last change. */
  notice?: string | null | undefined;
  /** Said under the headings when there are no rows. */
  emptyText: string;
  row: (row: Row) => ReactNode;
  busy?: boolean | undefined;
  testId?: string | undefined;
}

/**
 * The table every back-office list shows its rows in: the last failure or change, the headings, the rows
 * and a sentence for none. How the list pages (PagedTable, KeysetTable) is the caller's.
 */
export function RowsTable<Row>(props: RowsTableProps<Row>) {
  const { columns, rows, error, notice, emptyText, row, busy, testId } = props;
  return (
    <>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
      <table className="manage__table" aria-busy={busy} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows?.map(row)}</tbody>
      </table>
      {rows && rows.length === 0 ? <p className="muted">{emptyText}</p> : null}
    </>
  );
}
