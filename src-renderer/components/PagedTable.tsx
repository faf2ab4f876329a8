import type { Page } from '../../shared/server-api/page';
import { Pager } from './Pager';
import { RowsTable, type RowsTableProps } from './RowsTable';

interface PagedTableProps<Row> extends Omit<RowsTableProps<Row>, 'rows'> {
  page: Page<Row> | null;
  offset: number;
  limit: number;
  onPage: (offset: number) => void;
}

/**
 * A page of records as a table with "26–50 of 1,204" and the pager. Every offset-paged back-office list
 * shows its rows through it (RecordTable adds Edit and Delete).
 */
export function PagedTable<Row>({ page, offset, limit, onPage, ...table }: PagedTableProps<Row>) {
  return (
    <>
      <RowsTable {...table} rows={page?.items ?? null} />
      {page ? <Pager offset={offset} limit={limit} total={page.total} onChange={onPage} /> : null}
    </>
  );
}
