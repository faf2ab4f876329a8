import { useEffect, useId, useRef, useState } from 'react';
import type { CustomerInput } from '../../../shared/ipc/domains/sell';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { SelectField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { useSellStore } from '../../stores/sell-store';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Draft {
  id: string;
  name: string;
  email: string;
  priorOrders: string;
  groups: string;
}

type Field = keyof Draft;

const EMPTY: Draft = { id: '', name: '', email: '', priorOrders: '0', groups: '' };

function draftOf(customer: CustomerInput): Draft {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email ?? '',
    priorOrders: String(customer.priorOrders),
    groups: customer.groups.join(', '),
  };
}

function groupsOf(text: string): string[] {
  return text
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

/** Checks the draft the way the core will; the first problem per field, as a message key. */
function check(draft: Draft): { customer: CustomerInput | null; errors: Partial<Record<Field, MessageKey>> } {
  const errors: Partial<Record<Field, MessageKey>> = {};
  const id = draft.id.trim();
  const name = draft.name.trim();
  const email = draft.email.trim();
  const groups = groupsOf(draft.groups);
  if (id === '') errors.id = 'customer.idMissing';
  else if (id.length > 100) errors.id = 'customer.idTooLong';
  if (name === '') errors.name = 'customer.nameMissing';
  else if (name.length > 200) errors.name = 'customer.nameTooLong';
  if (email !== '' && (!EMAIL.test(email) || email.length > 200)) errors.email = 'customer.emailInvalid';
  if (!/^\d{1,6}$/.test(draft.priorOrders.trim())) errors.priorOrders = 'customer.priorInvalid';
  if (groups.length > 50 || groups.some((g) => g.length > 100)) errors.groups = 'customer.groupsInvalid';
  if (Object.keys(errors).length > 0) return { customer: null, errors };
  return {
    customer: {
      id,
      name,
      ...(email ? { email } : {}),
      priorOrders: Number(draft.priorOrders.trim()),
      groups,
    },
    errors,
  };
}

const FIELDS: readonly Field[] = ['id', 'name', 'email', 'priorOrders', 'groups'];

/** Who is buying: number, name, email, previous orders and groups; a recent customer can be picked again. */
export function CustomerDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const formId = useId();
  const current = useSellStore((s) => s.cart?.customer ?? null);
  const recent = useSellStore((s) => s.recentCustomers);
  const loadRecent = useSellStore((s) => s.loadRecentCustomers);
  const setCustomer = useSellStore((s) => s.setCustomer);
  const [draft, setDraft] = useState<Draft>(() => (current ? draftOf(current) : EMPTY));
  const [picked, setPicked] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const priorRef = useRef<HTMLInputElement>(null);
  const groupsRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  const edit = (field: Field) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const pick = (id: string) => {
    setPicked(id);
    const customer = recent.find((c) => c.id === id);
    if (customer) {
      setDraft(draftOf(customer));
      setErrors({});
    }
  };

  const submit = async () => {
    const checked = check(draft);
    setErrors(checked.errors);
    setError(null);
    if (!checked.customer) {
      const refs = { id: idRef, name: nameRef, email: emailRef, priorOrders: priorRef, groups: groupsRef };
      const first = FIELDS.find((f) => checked.errors[f]);
      if (first) refs[first].current?.focus();
      return;
    }
    setBusy(true);
    const failure = await setCustomer(checked.customer);
    setBusy(false);
    // The core's sentence; the fields keep what was typed.
    if (failure) return setError(failure.message);
    onClose();
  };

  const remove = async () => {
    setBusy(true);
    const failure = await setCustomer(null);
    setBusy(false);
    if (failure) return setError(failure.message);
    onClose();
  };

  const prior = Number(draft.priorOrders.trim());
  const priorHint = /^\d{1,6}$/.test(draft.priorOrders.trim())
    ? prior === 0
      ? t('customer.new')
      : t('customer.prior', { count: prior })
    : null;
  const message = (field: Field) => {
    const key = errors[field];
    return key ? t(key) : null;
  };

  return (
    <Dialog title={t('customer.title')} onClose={onClose} testId="customer-dialog">
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        error={error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('customer.set')}
        extraActions={
          current ? (
            <button type="button" disabled={busy} onClick={() => void remove()}>
              {t('customer.remove')}
            </button>
          ) : null
        }
      >
        {recent.length > 0 ? (
          <SelectField
            id={`${formId}-recent`}
            label={t('customer.recent')}
            value={picked}
            options={[
              { value: '', label: t('customer.recentNone') },
              ...recent.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` })),
            ]}
            onChange={pick}
          />
        ) : null}
        <TextField
          id={`${formId}-id`}
          label={t('customer.id')}
          value={draft.id}
          onChange={edit('id')}
          error={message('id')}
          inputRef={idRef}
          maxLength={100}
          autoFocus
        />
        <TextField
          id={`${formId}-name`}
          label={t('customer.name')}
          value={draft.name}
          onChange={edit('name')}
          error={message('name')}
          inputRef={nameRef}
          maxLength={200}
        />
        <TextField
          id={`${formId}-email`}
          label={t('customer.email')}
          type="email"
          value={draft.email}
          onChange={edit('email')}
          error={message('email')}
          inputRef={emailRef}
          maxLength={200}
        />
        <TextField
          id={`${formId}-prior`}
          label={t('customer.priorOrders')}
          value={draft.priorOrders}
          onChange={edit('priorOrders')}
          error={message('priorOrders')}
          inputRef={priorRef}
          inputMode="numeric"
          maxLength={6}
          hint={priorHint}
        />
        <TextField
          id={`${formId}-groups`}
          label={t('customer.groups')}
          value={draft.groups}
          onChange={edit('groups')}
          error={message('groups')}
          inputRef={groupsRef}
        />
      </DialogForm>
    </Dialog>
  );
}
