import { useId, useState } from 'react';
import type { ZodType } from 'zod';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { Pager } from '../../components/Pager';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import type { RecordStore } from '../../stores/record-store';

type NamedRow = Versioned<{ id: string; eventId: string; name: string }>;
type NameStore = RecordStore<NamedRow, { eventId: string }, { eventId: string; name: string }>;

const PAGE = 100;

interface NameListProps {
  store: NameStore;
  eventId: string;
  title: string;
  newLabel: string;
  hint: string;
  /** The record's body as the server checks it (shared/catalogue/schemas.ts). */
  schema: ZodType;
}

/** A list of named records under an event (price bands, ticket types): add, rename, delete. */
export function NameList({ store, eventId, title, newLabel, hint, schema }: NameListProps) {
  const t = useT();
  const id = useId();
  const { filter, page, error, editing } = store();
  const { setFilter, startCreate, startEdit, remove } = store.getState();
  const [deleting, setDeleting] = useState<NamedRow | null>(null);
  const shown = filter.eventId === eventId ? page : null;
  return (
    <section className="field-cell" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="muted small">{hint}</p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="manage__table">
        <thead>
          <tr>
            <th scope="col">{t('admin.field.name')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown?.items.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.name}</th>
              <td className="manage__actions">
                <button
                  type="button"
                  aria-label={t('admin.renameNamed', { name: row.name })}
                  onClick={() => startEdit(row)}
                >
                  {t('manage.codes.edit')}
                </button>
                <button
                  type="button"
                  aria-label={t('admin.deleteNamed', { name: row.name })}
                  onClick={() => setDeleting(row)}
                >
                  {t('manage.codes.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && shown.total > PAGE ? (
        <Pager
          offset={filter.offset}
          limit={PAGE}
          total={shown.total}
          onChange={(offset) => setFilter({ offset })}
        />
      ) : null}
      <div className="button-row">
        <button type="button" onClick={startCreate}>
          {newLabel}
        </button>
      </div>
      {editing ? (
        <NameForm
          key={editing.mode === 'edit' ? editing.row.id : 'new'}
          store={store}
          eventId={eventId}
          schema={schema}
          title={editing.mode === 'edit' ? t('admin.renameNamed', { name: editing.row.name }) : newLabel}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('admin.deleteNamed', { name: deleting.name })}
          body={t('admin.deleteBody')}
          confirmLabel={t('manage.codes.delete')}
          onConfirm={async () => (await remove(deleting))?.message ?? null}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}

function NameForm(props: { store: NameStore; eventId: string; schema: ZodType; title: string }) {
  const { store, eventId, schema, title } = props;
  const t = useT();
  const id = useId();
  const editing = store((s) => s.editing);
  const { save, closeEditor } = store.getState();
  const row = editing?.mode === 'edit' ? editing.row : null;
  const form = useRecordForm({
    initial: { name: row?.name ?? '' },
    schema,
    toBody: (d) => ({ eventId, name: d.name }),
    save,
  });
  return (
    <Dialog title={title} onClose={closeEditor}>
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={closeEditor}
        submitLabel={t('admin.save')}
        onSubmit={() => void form.submit()}
      >
        <TextField
          id={`${id}-name`}
          label={t('admin.field.name')}
          value={form.draft.name}
          onChange={(v) => form.set('name', v)}
          error={form.errors.name}
          autoFocus
        />
      </DialogForm>
    </Dialog>
  );
}
