import { useId, type RefObject } from 'react';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';

interface SupervisorFieldsProps {
  approverId: string;
  onApprover: (id: string) => void;
  pin: string;
  onPin: (pin: string) => void;
  pinError: string | null;
  pinRef: RefObject<HTMLInputElement | null>;
  /** The PIN field takes the dialog's first focus (the approver is already picked). */
  autoFocusPin?: boolean;
}

/** Who approves and their PIN: the staff on this terminal other than the one signed in. */
export function SupervisorFields({
  approverId,
  onApprover,
  pin,
  onPin,
  pinError,
  pinRef,
  autoFocusPin,
}: SupervisorFieldsProps) {
  const t = useT();
  const id = useId();
  const staff = useSessionStore((s) => s.staff);
  const self = useSessionStore((s) => s.session?.staffId);
  return (
    <fieldset className="form">
      <legend>{t('approve.legend')}</legend>
      <label htmlFor={`${id}-who`}>{t('approve.who')}</label>
      <select id={`${id}-who`} value={approverId} onChange={(e) => onApprover(e.target.value)}>
        {staff
          .filter((s) => s.id !== self)
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.roleName})
            </option>
          ))}
      </select>
      <label htmlFor={`${id}-pin`}>{t('approve.pin')}</label>
      <input
        id={`${id}-pin`}
        ref={pinRef}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={pin}
        onChange={(e) => onPin(e.target.value.replace(/\D/g, ''))}
        aria-invalid={pinError ? true : undefined}
        aria-describedby={pinError ? `${id}-pin-error` : undefined}
        data-autofocus={autoFocusPin ? true : undefined}
      />
      {pinError ? (
        <p id={`${id}-pin-error`} role="alert" className="error">
          {pinError}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Refusals about the approver and their PIN: shown under the PIN field, which is cleared. */
export const PIN_REASONS: ReadonlySet<string> = new Set([
  'WRONG_PIN',
  'LOCKED_OUT',
  'APPROVER_NOT_ALLOWED',
  'UNKNOWN_STAFF',
]);

/** The first approver to offer: a supervisor if there is one. */
export function defaultApprover(staff: { id: string; roleName: string }[], self: string | undefined): string {
  const others = staff.filter((s) => s.id !== self);
  return (others.find((s) => /supervisor|aufsicht/i.test(s.roleName)) ?? others[0])?.id ?? '';
}
