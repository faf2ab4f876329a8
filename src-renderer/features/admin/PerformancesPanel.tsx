import { useEffect, useId, useState } from 'react';
import { dayNumber, wallTime, zonedInstant } from '../../../shared/catalogue/performance-run';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import type { Venue } from '../../../shared/catalogue/types';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { RecordTable } from '../../components/RecordTable';
import { TextField } from '../../components/TextField';
import { useZonedDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { capText, capToSend } from '../../lib/cap-input';
import { useRecordForm } from '../../lib/use-record-form';
import { usePerformanceStore } from '../../stores/catalogue-stores';
import { SeatsAndStatusFields, seats, STATUS_LABEL } from './PerformanceFields';
import { PerformanceSeatsDialog, SeatMapPicker } from './PerformanceSeats';
import { RunDialog } from './RunDialog';

const PAGE = 50;

/** An event's performances, in time order, with the times of its venue's clock. */
export function PerformancesPanel({ eventId, venue }: { eventId: string; venue: Venue }) {
  const t = useT();
  const when = useZonedDateTime();
  const { filter, page, error, notice, editing } = usePerformanceStore();
  const { setFilter, startCreate, startEdit, remove, load, note } = usePerformanceStore.getState();
  const [run, setRun] = useState(false);
  const [seatsOf, setSeatsOf] = useState<{ id: string; when: string } | null>(null);

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
      <RecordTable
        columns={[
          { label: t('admin.performances.startsAt'), cell: (p) => when(p.startsAt, venue.timezone) },
          { label: t('admin.performances.capacity'), cell: (p) => p.capacity },
          { label: t('admin.performances.status'), cell: (p) => t(STATUS_LABEL[p.status]) },
          {
            label: t('admin.performances.overuseCapColumn'),
            cell: (p) =>
              p.overuseCap === null || p.overuseCap === undefined
                ? t('admin.terminals.overuseNone')
                : t('admin.terminals.overusePerDay', { cap: p.overuseCap }),
          },
        ]}
        page={shown}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        notice={notice}
        onEdit={startEdit}
        actions={(p) => (
          <button
            type="button"
            aria-label={t('admin.performances.seatsOf', { when: when(p.startsAt, venue.timezone) })}
            onClick={() => setSeatsOf({ id: p.id, when: when(p.startsAt, venue.timezone) })}
          >
            {t('admin.performances.seats')}
          </button>
        )}
        deleteTitle={(p) => t('admin.performances.deleteTitle', { when: when(p.startsAt, venue.timezone) })}
        remove={remove}
      />
      {editing ? (
        <PerformanceForm
          key={editing.mode === 'edit' ? editing.row.id : 'new'}
          eventId={eventId}
          venue={venue}
        />
      ) : null}
      {seatsOf ? (
        <PerformanceSeatsDialog
          performanceId={seatsOf.id}
          title={t('admin.performances.seatsTitle', { when: seatsOf.when })}
          onClose={() => setSeatsOf(null)}
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
    </div>
  );
}

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
      overuseCap: capText(row?.overuseCap),
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
      // An empty field is no cap; anything not a cap is left for the schema to refuse beside the field.
      return {
        eventId,
        startsAt,
        capacity: seats(d.capacity),
        status: d.status,
        overuseCap: capToSend(d.overuseCap, null),
      };
    },
    save,
  });
  const { draft, set, errors } = form;
  return (
    <RecordFormDialog
      title={row ? t('admin.performances.edit') : t('admin.performances.new')}
      form={form}
      onClose={closeEditor}
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
      <SeatsAndStatusFields
        id={id}
        capacity={draft.capacity}
        status={draft.status}
        onCapacity={(v) => set('capacity', v)}
        onStatus={(v) => set('status', v)}
        errors={errors}
      />
      <TextField
        id={`${id}-overuse-cap`}
        label={t('admin.performances.overuseCap')}
        value={draft.overuseCap}
        onChange={(v) => set('overuseCap', v)}
        error={errors.overuseCap && t('admin.overuseCap.bad')}
        inputMode="numeric"
        maxLength={5}
        hint={t('admin.performances.overuseCapHint')}
      />
      {row ? <SeatMapPicker performanceId={row.id} venueId={venue.id} /> : null}
    </RecordFormDialog>
  );
}
