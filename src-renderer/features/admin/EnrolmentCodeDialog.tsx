import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { SelectField } from '../../components/FormFields';
import { QrCode } from '../../components/QrCode';
import { SearchField } from '../../components/SearchField';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { SERVER_URL } from '../../api/admin-host';
import { useEnrolmentStore, type IssuedCode } from '../../stores/terminal-admin-stores';

/**
 * A one-time enrolment code for a venue chosen by name, shown as the enrolment link (text and QR code,
 * shared/sync/enrolment-link.ts) and as the bare code, with its expiry.
 */
export function EnrolmentCodeDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const issued = useEnrolmentStore((s) => s.issued);
  const { reset } = useEnrolmentStore.getState();
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Dialog title={t('admin.enrol.title')} onClose={close} testId="enrolment-dialog">
      {issued ? <IssuedCodeView issued={issued} onClose={close} /> : <VenueChoice onCancel={close} />}
    </Dialog>
  );
}

function VenueChoice({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  const id = useId();
  const { venueQuery, venues, busy, error } = useEnrolmentStore();
  const { findVenues, issue } = useEnrolmentStore.getState();
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    void findVenues('');
  }, [findVenues]);

  const choices = venues?.items ?? [];
  // The first match is chosen until the manager picks another, so Enter after a search is enough.
  const venue = choices.find((v) => v.id === chosen) ?? choices[0];
  return (
    <DialogForm
      busy={busy}
      error={error}
      cancelLabel={t('dialog.cancel')}
      onCancel={onCancel}
      submitLabel={t('admin.enrol.create')}
      submitDisabled={!venue}
      onSubmit={() => {
        if (venue) void issue({ id: venue.id, name: venue.name });
      }}
    >
      <SearchField
        id={`${id}-q`}
        label={t('admin.enrol.venueSearch')}
        value={venueQuery}
        onSearch={(q) => void findVenues(q)}
      />
      {venues && choices.length === 0 ? <p className="muted">{t('admin.enrol.venueNone')}</p> : null}
      {venue ? (
        <SelectField
          id={`${id}-venue`}
          label={t('admin.enrol.venue')}
          value={venue.id}
          options={choices.map((v) => ({ value: v.id, label: v.name }))}
          onChange={setChosen}
        />
      ) : null}
      {venues && venues.total > choices.length ? (
        <p className="muted small">
          {t('admin.enrol.venueMore', { shown: choices.length, total: venues.total })}
        </p>
      ) : null}
    </DialogForm>
  );
}

function IssuedCodeView({ issued, onClose }: { issued: IssuedCode; onClose: () => void }) {
  const t = useT();
  const dateTime = useDateTime();
  const done = useRef<HTMLButtonElement>(null);
  // The form that had focus is gone: focus moves to the one button left, inside the dialog.
  useEffect(() => done.current?.focus(), []);
  return (
    <div className="form" data-testid="enrolment-code">
      <p role="status">
        {t('admin.enrol.expires', { venue: issued.venueName, at: dateTime(issued.expiresAt) })}
      </p>
      <div className="enrolment-code">
        <QrCode text={issued.link} label={t('admin.enrol.qrLabel', { venue: issued.venueName })} />
        <dl className="fields">
          <div className="fields__row">
            <dt>{t('admin.enrol.link')}</dt>
            <dd>
              <code className="enrolment-code__link" data-testid="enrolment-link">
                {issued.link}
              </code>
            </dd>
          </div>
          <div className="fields__row">
            <dt>{t('admin.enrol.code')}</dt>
            <dd>
              <code data-testid="enrolment-plain-code">{issued.enrolmentCode}</code>
            </dd>
          </div>
        </dl>
      </div>
      <p className="muted small">{t('admin.enrol.howTo', { url: SERVER_URL })}</p>
      <p className="muted small">{t('admin.enrol.once')}</p>
      <div className="dialog__actions">
        <button type="button" className="primary" onClick={onClose} ref={done}>
          {t('admin.close')}
        </button>
      </div>
    </div>
  );
}
