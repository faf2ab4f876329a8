import { useEffect, useId, useState } from 'react';
import { dayNumber, wallTime, zonedInstant } from '../../../shared/catalogue/performance-run';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import type { Performance, Venue } from '../../../shared/catalogue/types';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { SelectField } from '../../components/FormFields';
import { Pager } from '../../components/Pager';
import { TextField } from '../../components/TextField';
import { useZonedDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { useRecordForm } from '../../lib/use-record-form';
import { usePerformanceStore } from '../../stores/catalogue-stores';
import { RunDialog } from './RunDialog';

const PAGE = 50;
type Status = Performance['status'];
export const STATUS_LABEL: Record<Status, MessageKey> = {
  on_sale: 'admin.performances.onSale',
  off_sale: 'admin.performances.offSale',
  cancelled: 'admin.performances.cancelled',
};

/** An event's performances, in time order, with the times of its venue's clock. */
export function PerformancesPanel({ eventId, venue }: { eventId: string; venue: Venue }) {
  const t = useT();
  const when = useZonedDateTime();
  const { filter, page, error, notice, editing } = usePerformanceStore();
  const { setFilter, startCreate, startEdit, remove, load, note } = usePerformanceStore.getState();
  const [deleting, setDeleting] = useState<Versioned<Performance> | null>(null);
  const [run, setRun] = useState(false);

  useEffect(() => {
    setFilter({ eventId });
  }, [eventId, setFilter]);
  // A page of another event's performances (still shown from before) is not this event's list.
  const shown = filter.eventId === eventId ? page : null;

  return (
    <div data-testid="performances-panel">
      <div className="manage__toolbar">
        <button type="button" className="primary" onClick={startCreate}>
          {t('admin.performances.new')}
        </button>
        <button type="button" onClick={() => setRun(true)}>
          {t('admin.run.open')}
        </button>
        <span className="muted small">{t('admin.performances.zone', { zone: venue.timezone })}</span>
      </div>
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
      <table className="manage__table">
        <thead>
          <tr>
            <th scope="col">{t('admin.performances.startsAt')}</th>
            <th scope="col">{t('admin.performances.capacity')}</th>
            <th scope="col">{t('admin.performances.status')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown?.items.map((p) => (
            <tr key={p.id}>
              <th scope="row">{when(p.startsAt, venue.timezone)}</th>
              <td>{p.capacity}</td>
              <td>{t(STATUS_LABEL[p.status])}</td>
              <td className="manage__actions">
                <button type="button" onClick={() => startEdit(p)}>
                  {t('manage.codes.edit')}
                </button>
                <button type="button" onClick={() => setDeleting(p)}>
                  {t('manage.codes.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && shown.items.length === 0 ? <p className="muted">{t('admin.none')}</p> : null}
      {shown ? (
        <Pager
          offset={filter.offset}
          limit={PAGE}
          total={shown.total}
          onChange={(offset) => setFilter({ offset })}
        />
      ) : null}
      {editing ? (
        <PerformanceForm
          key={editing.mode === 'edit' ? editing.row.id : 'new'}
          eventId={eventId}
          venue={venue}
        />
      ) : null}
      {run ? (
        <RunDialog
          eventId={eventId}
          venue={venue}
          onClose={() => setRun(false)}
          onCreated={(count) => {
            setRun(false);
            note(t('admin.run.created', { count }));
            void load();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('admin.performances.deleteTitle', { when: when(deleting.startsAt, venue.timezone) })}
          body={t('admin.deleteBody')}
          confirmLabel={t('manage.codes.delete')}
          onConfirm={async () => (await remove(deleting))?.message ?? null}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </div>
  );
}

/** Whole seats typed as digits; anything else fails the schema as not a number. */
export const seats = (typed: string) => (/^\d{1,7}$/.test(typed.trim()) ? Number(typed) : Number.NaN);

function PerformanceForm({ eventId, venue }: { eventId: string; venue: Venue }) {
  const t = useT();
  const id = useId();
  const editing = usePerformanceStore((s) => s.editing);
  const { save, closeEditor } = usePerformanceStore.getState();
  const row = editing?.mode === 'edit' ? editing.row : null;
  const local = row ? wallTime(row.startsAt, venue.timezone) : null;
  const form = useRecordForm({
    initial: {
      date: local?.date ?? '',
      time: local?.time ?? '19:30',
      capacity: String(row?.capacity ?? ''),
      status: row?.status ?? 'on_sale',
    },
    schema: CATALOGUE_BODIES.performances,
    toBody: (d) => {
      let startsAt = '';
      try {
        // The typed day and time are the venue's wall clock (shared/catalogue/performance-run.ts).
        startsAt = zonedInstant(d.date, d.time, venue.timezone);
      } catch {
        // Left empty: the schema marks the field.
      }
      return { eventId, startsAt, capacity: seats(d.capacity), status: d.status };
    },
    save,
  });
  const { draft, set, errors } = form;
  return (
    <Dialog title={row ? t('admin.performances.edit') : t('admin.performances.new')} onClose={closeEditor}>
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={closeEditor}
        submitLabel={t('admin.save')}
        onSubmit={() => void form.submit()}
      >
        <TextField
          id={`${id}-date`}
          type="date"
          label={t('admin.performances.date')}
          value={draft.date}
          onChange={(v) => set('date', v)}
          error={dayNumber(draft.date) === null ? errors.startsAt : undefined}
          autoFocus
        />
        <TextField
          id={`${id}-time`}
          label={t('admin.performances.time', { zone: venue.timezone })}
          value={draft.time}
          onChange={(v) => set('time', v)}
          hint={t('admin.run.timeHint')}
          error={dayNumber(draft.date) === null ? undefined : errors.startsAt}
        />
        <TextField
          id={`${id}-capacity`}
          label={t('admin.performances.capacity')}
          inputMode="numeric"
          value={draft.capacity}
          onChange={(v) => set('capacity', v)}
          error={errors.capacity && t('admin.performances.capacityInvalid')}
        />
        <SelectField
          id={`${id}-status`}
          label={t('admin.performances.status')}
          value={draft.status}
          options={(Object.keys(STATUS_LABEL) as Status[]).map((s) => ({
            value: s,
            label: t(STATUS_LABEL[s]),
          }))}
          onChange={(v) => set('status', v)}
          error={errors.status}
        />
      </DialogForm>
    </Dialog>
  );
}
