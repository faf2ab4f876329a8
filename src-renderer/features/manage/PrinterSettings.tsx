import { useEffect, useId, useState } from 'react';
import { channels } from '../../../shared/ipc/channels';
import { requestSchemas } from '../../../shared/ipc/contract';
import {
  TICKET_ORDERS,
  type PaperWidth,
  type PrinterSettings as Settings,
  type PrintOutputKind,
  type TicketOrder,
} from '../../../shared/ipc/domains/printing';
import type { Language } from '../../../shared/ipc/types';
import { EndpointFields, portOf } from '../../components/EndpointFields';
import {
  CheckField,
  FieldCell,
  FormOutcome,
  LANGUAGE_OPTIONS,
  SelectField,
} from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { usePrinterStore } from '../../stores/printer-store';
import { can, useSessionStore } from '../../stores/session-store';

const OUTPUTS: PrintOutputKind[] = ['none', 'network', 'system', 'pdf'];

interface Draft {
  output: PrintOutputKind;
  host: string;
  port: string;
  paperWidth: '58' | '80';
  language: Language;
  copies: '1' | '2' | '3';
  systemPrinter: string;
  ticketOrder: TicketOrder;
  drawerKick: boolean;
}

function draftOf(s: Settings): Draft {
  return {
    output: s.output,
    host: s.host ?? '',
    port: String(s.port),
    paperWidth: String(s.paperWidth) as Draft['paperWidth'],
    language: s.language,
    copies: String(Math.min(3, Math.max(1, s.copies))) as Draft['copies'],
    systemPrinter: s.systemPrinter ?? '',
    ticketOrder: s.ticketOrder,
    drawerKick: s.drawerKick,
  };
}

/** This terminal's receipt printer: where documents go, paper width, language and copies; a test print. */
export function PrinterSettings() {
  const t = useT();
  const id = useId();
  const session = useSessionStore((s) => s.session);
  const settings = usePrinterStore((s) => s.settings);
  const status = usePrinterStore((s) => s.status);
  const loadError = usePrinterStore((s) => s.error);
  const load = usePrinterStore((s) => s.load);
  const save = usePrinterStore((s) => s.save);
  const testPrint = usePrinterStore((s) => s.testPrint);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mayChange = can(session, 'catalogue.manage');

  useEffect(() => {
    void load();
  }, [load]);
  // The form starts from the stored settings once they arrive, and never overwrites typing afterwards.
  const shown = draft ?? (settings ? draftOf(settings) : null);
  if (!shown) {
    return loadError ? (
      <p role="alert" className="error">
        {loadError}
      </p>
    ) : (
      <p className="muted">{t('status.loading')}</p>
    );
  }
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setNotice(null);
    setDraft({ ...shown, [key]: value });
  };

  const submit = async () => {
    setFormError(null);
    setNotice(null);
    const port = portOf(shown.port);
    const request = {
      output: shown.output,
      host: shown.host.trim() === '' ? null : shown.host.trim(),
      port,
      paperWidth: Number(shown.paperWidth) as PaperWidth,
      language: shown.language,
      copies: Number(shown.copies),
      systemPrinter: shown.systemPrinter.trim() === '' ? null : shown.systemPrinter.trim(),
      ticketOrder: shown.ticketOrder,
      drawerKick: shown.drawerKick,
    };
    // The very schema main applies decides; its issues sit under their fields.
    const parsed = requestSchemas[channels.print.settingsUpdate].safeParse(request);
    const next: Partial<Record<keyof Draft, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof Draft;
        next[field] ??=
          field === 'port'
            ? t('printer.err.port')
            : field === 'host'
              ? t('printer.err.host')
              : t('manage.err.invalid');
      }
    }
    if (shown.output === 'network' && request.host === null) next.host = t('printer.err.hostNeeded');
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    setBusy(true);
    const failure = await save(parsed.data);
    setBusy(false);
    if (failure) return setFormError(failure.message);
    setDraft(null);
    setNotice(t('printer.saved'));
  };

  const onTest = async () => {
    setFormError(null);
    setNotice(null);
    const failure = await testPrint();
    if (failure) setFormError(failure.message);
    else setNotice(t('printer.testQueued'));
  };

  return (
    <form
      className="printer-settings"
      aria-labelledby={`${id}-heading`}
      aria-busy={busy}
      noValidate
      data-testid="printer-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`}>{t('printer.heading')}</h2>
      <p data-testid="printer-state" className={status?.fault ? 'error' : 'muted'}>
        {status?.fault
          ? status.fault.message
          : status?.configured
            ? t('printer.ready', { queue: status.queueLength })
            : t('printer.notSetUp')}
      </p>
      {status?.warning ? <p className="callout">{status.warning.message}</p> : null}
      {mayChange ? null : <p className="callout">{t('printer.readOnly')}</p>}
      <div className="field-grid">
        <FieldCell>
          <SelectField
            id={`${id}-output`}
            label={t('printer.output')}
            value={shown.output}
            options={OUTPUTS.map((o) => ({ value: o, label: t(`printer.output.${o}`) }))}
            onChange={(v) => set('output', v)}
            disabled={!mayChange}
          />
        </FieldCell>
        {shown.output === 'network' ? (
          <EndpointFields
            id={id}
            labels={{ host: t('printer.host'), port: t('printer.port') }}
            host={shown.host}
            port={shown.port}
            errors={errors}
            onChange={set}
          />
        ) : null}
        {shown.output === 'system' ? (
          <FieldCell>
            <TextField
              id={`${id}-system`}
              label={t('printer.systemPrinter')}
              value={shown.systemPrinter}
              onChange={(v) => set('systemPrinter', v)}
              error={errors.systemPrinter}
            />
          </FieldCell>
        ) : null}
        <FieldCell>
          <SelectField
            id={`${id}-width`}
            label={t('printer.paperWidth')}
            value={shown.paperWidth}
            options={[
              { value: '80', label: '80 mm' },
              { value: '58', label: '58 mm' },
            ]}
            onChange={(v) => set('paperWidth', v)}
            disabled={!mayChange}
          />
        </FieldCell>
        <FieldCell>
          <SelectField
            id={`${id}-language`}
            label={t('printer.language')}
            value={shown.language}
            options={LANGUAGE_OPTIONS}
            onChange={(v) => set('language', v)}
            disabled={!mayChange}
          />
        </FieldCell>
        <FieldCell>
          <SelectField
            id={`${id}-copies`}
            label={t('printer.copies')}
            value={shown.copies}
            options={[
              { value: '1', label: '1' },
              { value: '2', label: '2' },
              { value: '3', label: '3' },
            ]}
            onChange={(v) => set('copies', v)}
            disabled={!mayChange}
          />
        </FieldCell>
        <FieldCell>
          <SelectField
            id={`${id}-ticket-order`}
            label={t('printer.ticketOrder')}
            value={shown.ticketOrder}
            options={TICKET_ORDERS.map((o) => ({ value: o, label: t(`printer.ticketOrder.${o}`) }))}
            onChange={(v) => set('ticketOrder', v)}
            disabled={!mayChange}
          />
        </FieldCell>
        {shown.output === 'network' ? (
          <FieldCell>
            <CheckField
              id={`${id}-drawer`}
              label={t('printer.drawerKick')}
              checked={shown.drawerKick}
              onChange={(v) => set('drawerKick', v)}
              disabled={!mayChange}
            />
          </FieldCell>
        ) : null}
      </div>
      <FormOutcome error={formError} notice={notice} testId="printer" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !mayChange}>
          {t('printer.save')}
        </button>
        <button
          type="button"
          onClick={() => void onTest()}
          disabled={!settings || settings.output === 'none'}
        >
          {t('printer.test')}
        </button>
      </div>
    </form>
  );
}
