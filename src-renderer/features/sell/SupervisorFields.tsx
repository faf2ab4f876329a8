import { useId, useRef, useState, type RefObject } from 'react';
import type { Failure } from '../../stores/sell-store';
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

/**
 * The state of a form that may need a supervisor's PIN: who approves (a supervisor first) and their PIN,
 * and a `submit` that runs the request. A refusal about the PIN (`pinReasons`) shows under the PIN
 * field, which is cleared and focused for another try; any other shows above the buttons.
 */
export function useSupervisorPin(pinReasons: ReadonlySet<string> = PIN_REASONS) {
  const staff = useSessionStore((s) => s.staff);
  const self = useSessionStore((s) => s.session?.staffId);
  const [approverId, setApproverId] = useState(() => defaultApprover(staff, self));
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  /** True when the request went through. */
  const submit = async (request: () => Promise<Failure | null>): Promise<boolean> => {
    setPinError(null);
    setError(null);
    setBusy(true);
    const failure = await request();
    setBusy(false);
    if (!failure) return true;
    if (pinReasons.has(failure.reason)) {
      setPinError(failure.message);
      setPin('');
      pinRef.current?.focus();
    } else setError(failure.message);
    return false;
  };

  return {
    approverId,
    pin,
    /** A PIN of at least four digits and someone to approve. */
    ready: pin.length >= 4 && approverId !== '',
    error,
    setError,
    busy,
    submit,
    /** The props of SupervisorFields. */
    fields: { approverId, onApprover: setApproverId, pin, onPin: setPin, pinError, pinRef },
  };
}
