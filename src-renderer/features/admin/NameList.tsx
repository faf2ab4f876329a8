import { useId } from 'react';
import type { ZodType } from 'zod';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { RecordTable } from '../../components/RecordTable';
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
  const shown = filter.eventId === eventId ? page : null;
  return (
    <section className="field-cell" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="muted small">{hint}</p>
      <RecordTable
        columns={[{ label: t('admin.field.name'), cell: (row) => row.name }]}
        page={shown}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        onEdit={startEdit}
        editLabel={(row) => t('admin.renameNamed', { name: row.name })}
        deleteLabel={(row) => t('admin.deleteNamed', { name: row.name })}
        deleteTitle={(row) => t('admin.deleteNamed', { name: row.name })}
        remove={remove}
      />
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
    <RecordFormDialog title={title} form={form} onClose={closeEditor}>
      <TextField
        id={`${id}-name`}
        label={t('admin.field.name')}
        value={form.draft.name}
        onChange={(v) => form.set('name', v)}
        error={form.errors.name}
        autoFocus
      />
    </RecordFormDialog>
  );
}
