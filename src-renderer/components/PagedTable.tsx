import type { ReactNode } from 'react';
import type { Page } from '../../shared/server-api/page';
import { Pager } from './Pager';

interface PagedTableProps<Row> {
  /** The column headings, in order; `row` renders one <tr> with as many cells. */
  columns: string[];
  page: Page<Row> | null;
  /** The last load's failure; the rows already shown stay. */
  error: string | null;
  /** A sentence confirming the last change. */
  notice?: string | null | undefined;
  offset: number;
  limit: number;
  onPage: (offset: number) => void;
  /** Said under the headings when the page is empty. */
  emptyText: string;
  row: (row: Row) => ReactNode;
  testId?: string;
}

/**
 * A page of records as a table: its failure or the last change, the rows, a sentence for none, and the
 * pager. Every paged back-office list shows its rows through it (RecordTable adds Edit and Delete).
 */
export function PagedTable<Row>(props: PagedTableProps<Row>) {
  const { columns, page, error, notice, offset, limit, onPage, emptyText, row, testId } = props;
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
      <table className="manage__table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{page?.items.map(row)}</tbody>
      </table>
      {page && page.items.length === 0 ? <p className="muted">{emptyText}</p> : null}
      {page ? <Pager offset={offset} limit={limit} total={page.total} onChange={onPage} /> : null}
    </>
  );
}
