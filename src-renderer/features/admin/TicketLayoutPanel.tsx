import { useEffect, useId, useState } from 'react';
import { CheckField, FieldError, FieldLabel, TextAreaField } from '../../components/FormFields';
import {
  logoProblem,
  TICKET_FIELDS,
  type TicketField,
  type TicketLayout,
} from '../../../shared/tickets/layout';
import { eventTicketLayoutBodySchema, type EventTicketLayout } from '../../../shared/tickets/ticket-api';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { errorWithin } from '../../lib/field-errors';
import { useRecordForm } from '../../lib/use-record-form';
import { loadTicketLayout, saveTicketLayout } from '../../stores/catalogue-stores';

// docs/TICKETS.md "Printing tickets": the event's ticket layout. The draft is checked with the schema the
// server uses (ticketLayoutSchema through eventTicketLayoutBodySchema), so its sentences show beside the
// fields as the manager saves; a logo is checked the moment it is chosen, and a bad one is not taken.

interface FieldRow {
  field: TicketField;
  shown: boolean;
}

interface Draft {
  rows: FieldRow[];
  logo: string | null;
  freeText: string;
}

const FIELD_LABEL: Record<TicketField, MessageKey> = {
  venue: 'admin.layout.field.venue',
  ticketType: 'admin.layout.field.ticketType',
  priceBand: 'admin.layout.field.priceBand',
  pricePaid: 'admin.layout.field.pricePaid',
  orderRef: 'admin.layout.field.orderRef',
};

/** The layout's fields in its order, then the hidden ones, so each can be ticked back in place. */
function draftOf(layout: TicketLayout): Draft {
  const hidden = TICKET_FIELDS.filter((f) => !layout.fields.includes(f));
  return {
    rows: [
      ...layout.fields.map((field) => ({ field, shown: true })),
      ...hidden.map((field) => ({ field, shown: false })),
    ],
    logo: layout.logo,
    freeText: layout.freeText.join('\n'),
  };
}

/** Trailing empty lines are not printed; an empty box is no free text at all. */
const linesOf = (text: string) => (text.trim() === '' ? [] : text.replace(/\s+$/, '').split('\n'));

const layoutOfDraft = (d: Draft): TicketLayout => ({
  fields: d.rows.filter((r) => r.shown).map((r) => r.field),
  logo: d.logo,
  freeText: linesOf(d.freeText),
});

export function TicketLayoutPanel({ eventId }: { eventId: string }) {
  const t = useT();
  const [loaded, setLoaded] = useState<EventTicketLayout | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void loadTicketLayout(eventId).then((r) => (r.ok ? setLoaded(r.value) : setError(r.message)));
  }, [eventId]);

  const saved = (next: EventTicketLayout) => {
    setLoaded(next);
    setNotice(t(next.layout ? 'admin.layout.saved' : 'admin.layout.backToDefault'));
  };
  return (
    <div data-testid="ticket-layout-panel">
      <p>{t('admin.layout.intro')}</p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {loaded ? (
        <>
          <p className="muted">{t(loaded.layout ? 'admin.layout.usingOwn' : 'admin.layout.usingDefault')}</p>
          {/* A new version starts the form again from what the server holds. */}
          <LayoutForm key={loaded.version} eventId={eventId} loaded={loaded} onSaved={saved} />
        </>
      ) : null}
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
    </div>
  );
}

function LayoutForm(props: {
  eventId: string;
  loaded: EventTicketLayout;
  onSaved: (next: EventTicketLayout) => void;
}) {
  const { eventId, loaded, onSaved } = props;
  const t = useT();
  const id = useId();
  const [logoError, setLogoError] = useState<string | null>(null);
  const form = useRecordForm<Draft>({
    initial: draftOf(loaded.effective),
    schema: eventTicketLayoutBodySchema,
    toBody: (d) => ({ layout: layoutOfDraft(d), expectedVersion: loaded.version }),
    save: async (body: { layout: TicketLayout }) => {
      const result = await saveTicketLayout(eventId, body.layout, loaded.version);
      if (!result.ok) return result;
      onSaved(result.value);
      return null;
    },
  });
  const { draft, set, errors } = form;
  const errorOf = (field: string) => errorWithin(errors, `layout.${field}`);

  const move = (index: number, by: -1 | 1) => {
    const rows = [...draft.rows];
    const [row] = rows.splice(index, 1);
    if (!row) return;
    rows.splice(index + by, 0, row);
    set('rows', rows);
  };
  const chooseLogo = (file: File | undefined) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const problem = logoProblem(url);
      setLogoError(problem);
      if (!problem) set('logo', url);
    };
    reader.onerror = () => setLogoError(t('admin.layout.logoUnreadable'));
    reader.readAsDataURL(file);
  };
  const [defaultError, setDefaultError] = useState<string | null>(null);
  const backToDefault = async () => {
    const result = await saveTicketLayout(eventId, null, loaded.version);
    if (result.ok) onSaved(result.value);
    else setDefaultError(result.message);
  };

  return (
    <form
      noValidate
      aria-busy={form.busy}
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit();
      }}
    >
      <div className="ticket-layout">
        <div className="ticket-layout__form">
          <fieldset>
            <legend>{t('admin.layout.fields')}</legend>
            <ol className="ticket-layout__fields">
              {draft.rows.map((row, i) => {
                const label = t(FIELD_LABEL[row.field]);
                return (
                  <li key={row.field}>
                    <CheckField
                      id={`${id}-${row.field}`}
                      label={label}
                      checked={row.shown}
                      onChange={(shown) =>
                        set(
                          'rows',
                          draft.rows.map((r) => (r.field === row.field ? { ...r, shown } : r)),
                        )
                      }
                    />
                    <button
                      type="button"
                      aria-label={t('admin.layout.up', { field: label })}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={t('admin.layout.down', { field: label })}
                      disabled={i === draft.rows.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                  </li>
                );
              })}
            </ol>
            <FieldError id={`${id}-fields`} error={errorOf('fields')} />
          </fieldset>
          <div className="field-cell">
            <FieldLabel id={`${id}-logo`} label={t('admin.layout.logo')} hint={t('admin.layout.logoHint')} />
            <input
              id={`${id}-logo`}
              type="file"
              accept="image/png"
              aria-describedby={`${id}-logo-hint`}
              aria-invalid={logoError || errorOf('logo') ? true : undefined}
              onChange={(e) => chooseLogo(e.target.files?.[0])}
            />
            <FieldError id={`${id}-logo`} error={logoError ?? errorOf('logo')} />
            {draft.logo ? (
              <div className="button-row">
                <button type="button" onClick={() => set('logo', null)}>
                  {t('admin.layout.logoRemove')}
                </button>
              </div>
            ) : (
              <p className="muted small">{t('admin.layout.logoNone')}</p>
            )}
          </div>
          <div className="field-cell">
            <TextAreaField
              id={`${id}-free`}
              label={t('admin.layout.freeText')}
              hint={t('admin.layout.freeTextHint')}
              rows={4}
              value={draft.freeText}
              onChange={(v) => set('freeText', v)}
              error={errorOf('freeText')}
            />
          </div>
        </div>
        <TicketPreview layout={layoutOfDraft(draft)} />
      </div>
      {form.formError ? (
        <p role="alert" className="error">
          {form.formError}
        </p>
      ) : null}
      {defaultError ? (
        <p role="alert" className="error">
          {defaultError}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.layout.save')}
        </button>
        {loaded.layout ? (
          <button type="button" disabled={form.busy} onClick={() => void backToDefault()}>
            {t('admin.layout.useDefault')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** A sketch of one ticket in the draft's layout: what prints, in which order, beside the form. */
function TicketPreview({ layout }: { layout: TicketLayout }) {
  const t = useT();
  return (
    <figure className="ticket-preview" aria-label={t('admin.layout.preview')} data-testid="ticket-preview">
      <figcaption className="muted small">{t('admin.layout.preview')}</figcaption>
      {layout.logo ? <img src={layout.logo} alt={t('admin.layout.logoAlt')} /> : null}
      <strong className="ticket-preview__event">{t('admin.layout.sample.event')}</strong>
      <span>{t('admin.layout.sample.when')}</span>
      <ul>
        {layout.fields.map((field) => (
          <li key={field}>{t(FIELD_LABEL[field])}</li>
        ))}
      </ul>
      <span className="ticket-preview__code">{t('admin.layout.sample.code')}</span>
      {layout.freeText.map((line, i) => (
        <span key={i} className="ticket-preview__free">
          {line}
        </span>
      ))}
    </figure>
  );
}
