import { useId } from 'react';
import {
  expandRun,
  MAX_RUN_PERFORMANCES,
  PERFORMANCE_RUN_BODY,
  WEEKDAYS,
  type PerformanceRunBody,
} from '../../../shared/catalogue/performance-run';
import type { Venue } from '../../../shared/catalogue/types';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { CheckField, TextAreaField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useZonedDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { errorWithin } from '../../lib/field-errors';
import { useRecordForm } from '../../lib/use-record-form';
import { createRun } from '../../stores/catalogue-stores';
import { SeatsAndStatusFields, seats, type PerformanceStatus } from './PerformanceFields';

const WEEKDAY_LABEL: Record<number, MessageKey> = {
  1: 'admin.run.mon',
  2: 'admin.run.tue',
  3: 'admin.run.wed',
  4: 'admin.run.thu',
  5: 'admin.run.fri',
  6: 'admin.run.sat',
  7: 'admin.run.sun',
};

interface PatternDraft {
  weekdays: number[];
  /** "19:30, 14:30" */
  times: string;
}

const ON_SALE: PerformanceStatus = 'on_sale';

/** Dates and times typed as lists: separated by commas, spaces or new lines. */
const list = (typed: string) => typed.split(/[\s,;]+/).filter(Boolean);

/**
 * A run of performances: weekday patterns with times, a date range, days off. The preview lists every
 * performance the server will create, from the same expansion it uses (shared/catalogue/performance-run.ts).
 */
export function RunDialog(props: {
  eventId: string;
  venue: Venue;
  onClose: () => void;
  onCreated: (count: number) => void;
}) {
  const { eventId, venue, onClose, onCreated } = props;
  const t = useT();
  const id = useId();
  const when = useZonedDateTime();
  const form = useRecordForm({
    initial: {
      patterns: [{ weekdays: [], times: '19:30' }] as PatternDraft[],
      from: '',
      to: '',
      except: '',
      capacity: '',
      status: ON_SALE,
    },
    schema: PERFORMANCE_RUN_BODY,
    toBody: (d) => ({
      eventId,
      patterns: d.patterns.map((p) => ({ weekdays: p.weekdays, times: list(p.times) })),
      from: d.from,
      to: d.to,
      except: list(d.except),
      capacity: seats(d.capacity),
      status: d.status,
    }),
    save: async (body: PerformanceRunBody) => {
      const result = await createRun(body);
      if (!result.ok) return result;
      onCreated(result.value.count);
      return null;
    },
  });
  const { draft, set, errors } = form;
  const parsed = PERFORMANCE_RUN_BODY.safeParse({
    eventId,
    patterns: draft.patterns.map((p) => ({ weekdays: p.weekdays, times: list(p.times) })),
    from: draft.from,
    to: draft.to,
    except: list(draft.except),
    capacity: 0,
  });
  const preview = parsed.success ? expandRun(parsed.data, venue.timezone) : null;
  const tooMany = preview !== null && preview.length > MAX_RUN_PERFORMANCES;
  const setPattern = (i: number, patch: Partial<PatternDraft>) =>
    set(
      'patterns',
      draft.patterns.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    );

  return (
    <RecordFormDialog
      title={t('admin.run.title')}
      form={form}
      onClose={onClose}
      submitLabel={t('admin.run.create', { count: preview?.length ?? 0 })}
      submitDisabled={!preview || preview.length === 0 || tooMany}
    >
      {draft.patterns.map((pattern, i) => (
        <fieldset key={i}>
          <legend>{t('admin.run.pattern', { n: i + 1 })}</legend>
          <div className="button-row" role="group" aria-label={t('admin.run.weekdays', { n: i + 1 })}>
            {WEEKDAYS.map((day) => (
              <CheckField
                key={day}
                id={`${id}-p${i}-d${day}`}
                label={t(WEEKDAY_LABEL[day] as MessageKey)}
                checked={pattern.weekdays.includes(day)}
                onChange={(on) =>
                  setPattern(i, {
                    weekdays: on
                      ? [...pattern.weekdays, day].sort()
                      : pattern.weekdays.filter((d) => d !== day),
                  })
                }
              />
            ))}
          </div>
          {errors[`patterns.${i}.weekdays`] ? (
            <p role="alert" className="error">
              {errors[`patterns.${i}.weekdays`]}
            </p>
          ) : null}
          <TextField
            id={`${id}-p${i}-times`}
            label={t('admin.run.times', { n: i + 1 })}
            value={pattern.times}
            onChange={(v) => setPattern(i, { times: v })}
            hint={t('admin.run.timesHint', { zone: venue.timezone })}
            error={errorWithin(errors, `patterns.${i}.times`)}
          />
          {draft.patterns.length > 1 ? (
            <button
              type="button"
              onClick={() =>
                set(
                  'patterns',
                  draft.patterns.filter((_, j) => j !== i),
                )
              }
            >
              {t('admin.run.removePattern', { n: i + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" onClick={() => set('patterns', [...draft.patterns, { weekdays: [], times: '' }])}>
        {t('admin.run.addPattern')}
      </button>
      <TextField
        id={`${id}-from`}
        type="date"
        label={t('admin.run.from')}
        value={draft.from}
        onChange={(v) => set('from', v)}
        error={errors.from}
      />
      <TextField
        id={`${id}-to`}
        type="date"
        label={t('admin.run.to')}
        value={draft.to}
        onChange={(v) => set('to', v)}
        error={errors.to}
      />
      <TextAreaField
        id={`${id}-except`}
        label={t('admin.run.except')}
        hint={t('admin.run.exceptHint')}
        value={draft.except}
        rows={2}
        onChange={(v) => set('except', v)}
        error={Object.entries(errors).find(([f]) => f.startsWith('except'))?.[1]}
      />
      <SeatsAndStatusFields
        id={id}
        capacity={draft.capacity}
        status={draft.status}
        onCapacity={(v) => set('capacity', v)}
        onStatus={(v) => set('status', v)}
        errors={errors}
      />
      <section aria-labelledby={`${id}-preview`} className="run-preview" data-testid="run-preview">
        <h3 id={`${id}-preview`}>{t('admin.run.preview')}</h3>
        <p role="status">
          {preview === null
            ? t('admin.run.previewIncomplete')
            : tooMany
              ? t('admin.run.tooMany', { count: preview.length, max: MAX_RUN_PERFORMANCES })
              : t('admin.run.count', { count: preview.length })}
        </p>
        {preview && !tooMany && preview.length > 0 ? (
          <ol className="run-preview__list" tabIndex={0} aria-label={t('admin.run.preview')}>
            {preview.map((slot) => (
              <li key={slot.startsAt}>{when(slot.startsAt, venue.timezone)}</li>
            ))}
          </ol>
        ) : null}
      </section>
    </RecordFormDialog>
  );
}
