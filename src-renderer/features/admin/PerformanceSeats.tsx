import { useEffect, useId, useMemo, useState } from 'react';
import { HOLD_KINDS, type HoldKind } from '../../../shared/seating/types';
import type { PerformanceSeatAction } from '../../../shared/server-api/seat-map-calls';
import { Dialog } from '../../components/Dialog';
import { FormOutcome, SelectField } from '../../components/FormFields';
import { SeatChart } from '../../components/seatmap/SeatChart';
import { useT } from '../../i18n/use-t';
import { attachSeatMap, listSeatMaps, seatMapOf, usePerformanceSeatStore } from '../../stores/seat-map-store';
import type { SeatMapSummary } from '../../../shared/server-api/seat-map-calls';

/**
 * In a performance's form: which of the venue's seat maps it uses, or none. Attaching is its own step
 * (the server checks the map's bands against the event's and its capacity against the performance's,
 * and refuses once seats are sold), so its sentence shows here and the rest of the form is untouched.
 */
export function SeatMapPicker({ performanceId, venueId }: { performanceId: string; venueId: string }) {
  const t = useT();
  const id = useId();
  const [maps, setMaps] = useState<SeatMapSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void listSeatMaps(venueId).then((r) => (r.ok ? setMaps(r.value.maps) : setError(r.message)));
    void seatMapOf(performanceId).then((current) => setChosen(current ?? ''));
  }, [performanceId, venueId]);

  const attach = async () => {
    setBusy(true);
    const result = await attachSeatMap(performanceId, chosen || null);
    setBusy(false);
    setError(result.ok ? null : result.message);
    setNotice(
      result.ok ? t(chosen ? 'admin.performances.seatMapSet' : 'admin.performances.seatMapCleared') : null,
    );
  };

  return (
    <div className="seat-edit__group" data-testid="seat-map-picker">
      <SelectField
        id={`${id}-map`}
        label={t('admin.performances.seatMap')}
        value={chosen}
        options={[
          { value: '', label: t('admin.performances.noSeatMap') },
          ...maps.map((m) => ({ value: m.id, label: `${m.name} (${m.seats})` })),
        ]}
        onChange={setChosen}
      />
      <button type="button" disabled={busy} onClick={() => void attach()}>
        {t('admin.performances.useSeatMap')}
      </button>
      <FormOutcome error={error} notice={notice} testId="seat-map-attach" />
    </div>
  );
}

const ACTIONS: PerformanceSeatAction[] = ['hold', 'release', 'block', 'unblock'];

/** One performance's seats as they stand: select seats and hold, release, block or unblock them. */
export function PerformanceSeatsDialog({
  performanceId,
  title,
  onClose,
}: {
  performanceId: string;
  title: string;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const { seats, selection, error } = usePerformanceSeatStore();
  const { load, select, act, close } = usePerformanceSeatStore.getState();
  const selected = useMemo(() => new Set(selection), [selection]);
  const [kind, setKind] = useState<HoldKind>('house');
  const [outcome, setOutcome] = useState<{ error: string | null; notice: string | null }>({
    error: null,
    notice: null,
  });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load(performanceId);
    return close;
  }, [performanceId, load, close]);

  const run = async (action: PerformanceSeatAction) => {
    setBusy(true);
    const count = selection.length;
    const failure = await act(action, action === 'hold' ? kind : undefined);
    setBusy(false);
    setOutcome(
      failure
        ? { error: failure.message, notice: null }
        : { error: null, notice: t('admin.perfSeats.done', { count }) },
    );
  };

  return (
    <Dialog title={title} onClose={onClose} wide testId="performance-seats">
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {seats ? (
        <>
          <SeatChart
            map={seats.map}
            statuses={seats.statuses}
            selected={selected}
            mode="select"
            label={t('seats.mapLabel', { name: seats.map.name })}
            onSelect={select}
          />
          <div className="seat-edit">
            <strong aria-live="polite">{t('admin.seatMaps.selection', { count: selection.length })}</strong>
            <SelectField<HoldKind>
              id={`${id}-kind`}
              label={t('admin.perfSeats.holdKind')}
              value={kind}
              options={HOLD_KINDS.map((k) => ({ value: k, label: t(`hold.${k}`) }))}
              onChange={setKind}
            />
            {ACTIONS.map((action) => (
              <button
                key={action}
                type="button"
                disabled={busy || selection.length === 0}
                onClick={() => void run(action)}
              >
                {t(`admin.perfSeats.${action}`)}
              </button>
            ))}
          </div>
          <FormOutcome error={outcome.error} notice={outcome.notice} testId="performance-seats" />
        </>
      ) : null}
      <div className="dialog__actions">
        <button type="button" onClick={onClose}>
          {t('admin.close')}
        </button>
      </div>
    </Dialog>
  );
}
