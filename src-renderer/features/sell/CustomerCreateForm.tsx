import { useId, useRef, useState } from 'react';
import { CheckField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The shared schema's rule (shared/customers/schema.ts customerPhoneSchema); the core checks it again.
const PHONE = /^\+?[0-9 ()-]{3,40}$/;

export interface NewCustomerDraft {
  name: string;
  email?: string;
  phone?: string;
  emailConsent?: boolean;
}

/** Creates a customer inline: name, e-mail, phone and consent. The server (or, offline, this terminal) stores them. */
export function CustomerCreateForm({
  busy,
  onCreate,
  onCancel,
}: {
  busy: boolean;
  onCreate: (draft: NewCustomerDraft) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const formId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<'name' | 'email' | 'phone', MessageKey>>>({});
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = () => {
    const e: typeof errors = {};
    if (name.trim() === '') e.name = 'customer.nameMissing';
    if (email.trim() !== '' && !EMAIL.test(email.trim())) e.email = 'customer.emailInvalid';
    if (consent && email.trim() === '') e.email = 'customer.consentNeedsEmail';
    if (phone.trim() !== '' && !PHONE.test(phone.trim())) e.phone = 'customer.phoneInvalid';
    setErrors(e);
    if (Object.keys(e).length > 0) return nameRef.current?.focus();
    onCreate({
      name: name.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      emailConsent: consent,
    });
  };
  const message = (field: keyof typeof errors) => (errors[field] ? t(errors[field]) : null);

  return (
    <form
      className="form customer-create"
      noValidate
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <TextField
        id={`${formId}-name`}
        label={t('customer.name')}
        value={name}
        onChange={setName}
        error={message('name')}
        inputRef={nameRef}
        maxLength={200}
        autoFocus
      />
      <TextField
        id={`${formId}-email`}
        label={t('customer.email')}
        type="email"
        value={email}
        onChange={setEmail}
        error={message('email')}
        maxLength={200}
      />
      <TextField
        id={`${formId}-phone`}
        label={t('customer.phone')}
        value={phone}
        onChange={setPhone}
        error={message('phone')}
        maxLength={40}
      />
      <CheckField
        id={`${formId}-consent`}
        label={t('customer.consent')}
        checked={consent}
        onChange={setConsent}
      />
      <div className="dialog__actions">
        <button type="button" onClick={onCancel}>
          {t('customer.backToSearch')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('customer.create')}
        </button>
      </div>
    </form>
  );
}
