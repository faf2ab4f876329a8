import { useEffect, useId, useState } from 'react';
import { channels } from '../../../shared/ipc/channels';
import { requestSchemas } from '../../../shared/ipc/contract';
import {
  SMTP_TLS_MODES,
  type MailSettings as Settings,
  type SmtpTlsMode,
} from '../../../shared/ipc/domains/mail';
import type { Language } from '../../../shared/ipc/types';
import { EndpointFields, portOf } from '../../components/EndpointFields';
import { FieldCell, FormOutcome, LANGUAGE_OPTIONS, SelectField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { useMailStore } from '../../stores/mail-store';

interface Draft {
  host: string;
  port: string;
  tls: SmtpTlsMode;
  username: string;
  password: string;
  fromAddress: string;
  language: Language;
}

const EMPTY: Draft = {
  host: '',
  port: '587',
  tls: 'starttls',
  username: '',
  password: '',
  fromAddress: '',
  language: 'en',
};

const draftOf = (s: Settings): Draft => ({
  host: s.host,
  port: String(s.port),
  tls: s.tls,
  username: s.username ?? '',
  password: '',
  fromAddress: s.fromAddress,
  language: s.language,
});

const FIELD_ERRORS: Partial<Record<keyof Draft, MessageKey>> = {
  host: 'mail.err.host',
  port: 'mail.err.port',
  fromAddress: 'mail.err.address',
};

/**
 * This terminal's SMTP server (docs/MAIL.md, docs/OPERATIONS.md "E-mail"): a manager's (catalogue.manage,
 * enforced in main), with a test e-mail sent at once rather than queued.
 */
export function MailSettings() {
  const t = useT();
  const id = useId();
  const settings = useMailStore((s) => s.settings);
  const status = useMailStore((s) => s.status);
  const loadError = useMailStore((s) => s.error);
  const { loadSettings, save, clear, test } = useMailStore.getState();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [testTo, setTestTo] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  if (settings === undefined) {
    return loadError ? (
      <p role="alert" className="error">
        {loadError}
      </p>
    ) : (
      <p className="muted">{t('status.loading')}</p>
    );
  }
  const shown = draft ?? (settings ? draftOf(settings) : EMPTY);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setNotice(null);
    setDraft({ ...shown, [key]: value });
  };

  const outcome = async (work: () => Promise<string | null>) => {
    setFormError(null);
    setNotice(null);
    setBusy(true);
    const failure = await work();
    setBusy(false);
    return failure;
  };

  const submit = () =>
    outcome(async () => {
      const port = portOf(shown.port);
      const request = {
        host: shown.host.trim(),
        port,
        tls: shown.tls,
        username: shown.username.trim() === '' ? null : shown.username.trim(),
        ...(shown.password === '' ? {} : { password: shown.password }),
        fromAddress: shown.fromAddress.trim(),
        language: shown.language,
      };
      // The very schema main applies decides; its issues sit under their fields.
      const parsed = requestSchemas[channels.mail.updateSettings].safeParse(request);
      const next: Partial<Record<keyof Draft, string>> = {};
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]) as keyof Draft;
          const key = FIELD_ERRORS[field];
          next[field] ??= key ? t(key) : issue.message;
        }
      }
      setErrors(next);
      if (!parsed.success) return null;
      const failure = await save(parsed.data);
      if (failure) return failure.message;
      setDraft(null);
      setNotice(t('mail.settings.saved'));
      return null;
    }).then((message) => message && setFormError(message));

  const onTest = () =>
    outcome(async () => {
      const result = await test(testTo.trim());
      if ('message' in result) return result.message;
      setNotice(t('mail.settings.testSent', { response: result.response }));
      return null;
    }).then((message) => message && setFormError(message));

  const onClear = () =>
    outcome(async () => {
      const failure = await clear();
      if (failure) return failure.message;
      setDraft(null);
      setNotice(t('mail.settings.cleared'));
      return null;
    }).then((message) => message && setFormError(message));

  return (
    <form
      className="mail-settings"
      aria-labelledby={`${id}-heading`}
      aria-busy={busy}
      noValidate
      data-testid="mail-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`}>{t('mail.settings.heading')}</h2>
      <p className="muted">{t('mail.settings.help')}</p>
      <p data-testid="mail-state" className={status?.fault ? 'error' : 'muted'}>
        {status?.fault
          ? status.fault.message
          : settings
            ? t('mail.queue', { waiting: status?.waiting ?? 0, failed: status?.failed ?? 0 })
            : t('mail.settings.notSetUp')}
      </p>
      <div className="field-grid">
        <EndpointFields
          id={id}
          labels={{ host: t('mail.settings.host'), port: t('mail.settings.port') }}
          host={shown.host}
          port={shown.port}
          errors={errors}
          onChange={set}
        />
        <FieldCell>
          <SelectField
            id={`${id}-tls`}
            label={t('mail.settings.tls')}
            value={shown.tls}
            options={SMTP_TLS_MODES.map((mode) => ({ value: mode, label: t(`mail.settings.tls.${mode}`) }))}
            onChange={(v) => set('tls', v)}
          />
        </FieldCell>
        <FieldCell>
          <TextField
            id={`${id}-username`}
            label={t('mail.settings.username')}
            value={shown.username}
            onChange={(v) => set('username', v)}
            error={errors.username}
          />
        </FieldCell>
        <FieldCell>
          <TextField
            id={`${id}-password`}
            label={t('mail.settings.password')}
            type="password"
            value={shown.password}
            onChange={(v) => set('password', v)}
            error={errors.password}
            hint={settings?.hasPassword ? t('mail.settings.passwordKept') : null}
          />
        </FieldCell>
        <FieldCell>
          <TextField
            id={`${id}-from`}
            label={t('mail.settings.from')}
            type="email"
            value={shown.fromAddress}
            onChange={(v) => set('fromAddress', v)}
            error={errors.fromAddress}
          />
        </FieldCell>
        <FieldCell>
          <SelectField
            id={`${id}-language`}
            label={t('mail.settings.language')}
            value={shown.language}
            options={LANGUAGE_OPTIONS}
            onChange={(v) => set('language', v)}
          />
        </FieldCell>
      </div>
      <FormOutcome error={formError} notice={notice} testId="mail-settings" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {t('mail.settings.save')}
        </button>
        {settings ? (
          <button type="button" disabled={busy} onClick={() => void onClear()}>
            {t('mail.settings.clear')}
          </button>
        ) : null}
      </div>
      {settings ? (
        <div className="field-grid">
          <FieldCell>
            <TextField
              id={`${id}-test-to`}
              label={t('mail.settings.testTo')}
              type="email"
              value={testTo}
              onChange={setTestTo}
            />
          </FieldCell>
          <FieldCell>
            <button type="button" disabled={busy || testTo.trim() === ''} onClick={() => void onTest()}>
              {t('mail.settings.test')}
            </button>
          </FieldCell>
        </div>
      ) : null}
    </form>
  );
}
