import { useId } from 'react';
import { newOrganisationSchema, type NewOrganisationInput } from '../../shared/auth/setup';
import { TextField } from '../components/TextField';
import { useT } from '../i18n/use-t';
import { useRecordForm } from '../lib/use-record-form';
import { useAdminStore } from '../stores/admin-store';
import { useManageStore } from '../stores/manage-store';

/** A new server's first run: the organisation and its first manager, who is then signed in. */
export function SetupScreen() {
  const t = useT();
  const id = useId();
  const setUp = useAdminStore((s) => s.setUp);
  const signIn = useManageStore((s) => s.signIn);
  const form = useRecordForm({
    initial: { organisationName: '', managerName: '', email: '', password: '' },
    schema: newOrganisationSchema,
    toBody: (d) => d,
    save: async (body: NewOrganisationInput) => {
      const failure = await setUp(body);
      if (!failure) await signIn(body.email, body.password);
      return failure;
    },
  });
  const { draft, set, errors } = form;
  return (
    <form
      className="form"
      aria-labelledby={`${id}-heading`}
      aria-busy={form.busy}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit();
      }}
    >
      <h2 id={`${id}-heading`}>{t('admin.setup.heading')}</h2>
      <p className="muted">{t('admin.setup.intro')}</p>
      <TextField
        id={`${id}-org`}
        label={t('admin.setup.organisation')}
        value={draft.organisationName}
        onChange={(v) => set('organisationName', v)}
        error={errors.organisationName}
      />
      <TextField
        id={`${id}-name`}
        label={t('admin.setup.managerName')}
        value={draft.managerName}
        onChange={(v) => set('managerName', v)}
        error={errors.managerName}
      />
      <TextField
        id={`${id}-email`}
        label={t('manage.server.email')}
        type="email"
        value={draft.email}
        onChange={(v) => set('email', v)}
        error={errors.email}
      />
      <TextField
        id={`${id}-password`}
        label={t('manage.server.password')}
        type="password"
        value={draft.password}
        onChange={(v) => set('password', v)}
        error={errors.password}
        hint={t('admin.setup.passwordHint')}
      />
      {form.formError ? (
        <p role="alert" className="error">
          {form.formError}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.setup.submit')}
        </button>
      </div>
    </form>
  );
}
