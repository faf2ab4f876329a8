import { useState, type ReactNode } from 'react';
import type { Page } from '../../shared/server-api/page';
import { useT } from '../i18n/use-t';
import { ConfirmDialog } from './ConfirmDialog';
import { PagedTable } from './PagedTable';

export interface RecordColumn<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
}

interface RecordTableProps<Row extends { id: string }> {
  /** The first column names the row (a row header); the actions column comes last. */
  columns: RecordColumn<Row>[];
  page: Page<Row> | null;
  offset: number;
  limit: number;
  onPage: (offset: number) => void;
  /** The last failed load or removal; the list stays under it. */
  error: string | null;
  notice?: string | null;
  onEdit: (row: Row) => void;
  /** The delete dialog's title for a row, e.g. "Delete the venue Opera?". */
  deleteTitle?: (row: Row) => string;
  /** Resolves to null once removed, or the failure the dialog shows; without it rows have no Delete. */
  remove?: (row: Row) => Promise<{ message: string } | null>;
  /** False for a row that is read-only (a built-in role): no Edit or Delete. */
  canChange?: (row: Row) => boolean;
  /** Buttons before Edit and Delete, e.g. "Performances". */
  actions?: (row: Row) => ReactNode;
  /** Names for the Edit and Delete buttons when several lists share a screen. */
  editLabel?: (row: Row) => string;
  deleteLabel?: (row: Row) => string;
}

/**
 * One page of a back-office list: its rows with Edit and Delete (confirmed), the pager, and the
 * sentences about the last load or change (PagedTable). Every record screen shows its records through it.
 */
export function RecordTable<Row extends { id: string }>(props: RecordTableProps<Row>) {
  const { columns, page, offset, limit, onPage, error, notice, onEdit, deleteTitle, remove, actions } = props;
  const t = useT();
  const [deleting, setDeleting] = useState<Row | null>(null);
  const [head, ...rest] = columns;
  return (
    <>
      <PagedTable
        columns={[...columns.map((c) => c.label), t('admin.actions')]}
        page={page}
        offset={offset}
        limit={limit}
        onPage={onPage}
        error={error}
        notice={notice}
        emptyText={t('admin.none')}
        row={(row) => (
          <tr key={row.id}>
            <th scope="row">{head?.cell(row)}</th>
            {rest.map((c) => (
              <td key={c.label}>{c.cell(row)}</td>
            ))}
            <td className="manage__actions">
              {actions?.(row)}
              {props.canChange?.(row) === false ? null : (
                <>
                  <button type="button" aria-label={props.editLabel?.(row)} onClick={() => onEdit(row)}>
                    {t('manage.codes.edit')}
                  </button>
                  {remove ? (
                    <button
                      type="button"
                      aria-label={props.deleteLabel?.(row)}
                      onClick={() => setDeleting(row)}
                    >
                      {t('manage.codes.delete')}
                    </button>
                  ) : null}
                </>
              )}
            </td>
          </tr>
        )}
      />
      {deleting && remove ? (
        <ConfirmDialog
          title={deleteTitle?.(deleting) ?? t('manage.codes.delete')}
          body={t('admin.deleteBody')}
          confirmLabel={t('manage.codes.delete')}
          onConfirm={async () => (await remove(deleting))?.message ?? null}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}
