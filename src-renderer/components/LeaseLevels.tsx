import { useEffect, useId, useRef, useState } from 'react';

export interface LeaseChip {
  counter: string;
  label: string;
  remaining: number;
  granted: number;
  /** "3 of 5 left", in the terminal's language. */
  level: string;
  /** "Until Sat 21 Nov, 04:00", in the terminal's language. */
  expires: string;
  low: boolean;
}

interface LeaseLevelsProps {
  leases: LeaseChip[];
  /** Names the button and the list, e.g. "Leases held offline". */
  title: string;
  /** Spoken after a low chip, e.g. "running low". */
  lowLabel: string;
}

/**
 * Compact chips, one per lease pool ("LIMITED 3/5"), on one button that opens a small list with each
 * pool's label, remaining of granted and expiry. Esc or a click elsewhere closes it.
 */
export function LeaseLevels({ leases, title, lowLabel }: LeaseLevelsProps) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (e.target instanceof Node && !wrapRef.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (leases.length === 0) return null;
  return (
    <div
      className="lease-levels"
      ref={wrapRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="lease-levels__toggle"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        data-testid="lease-toggle"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sr-only">{title}: </span>
        {leases.map((l) => (
          <span
            key={l.counter}
            className={`lease-chip${l.low ? ' lease-chip--low' : ''}`}
            data-testid="lease-chip"
            data-counter={l.counter}
            data-remaining={l.remaining}
            data-low={l.low}
            title={l.label}
          >
            <span className="lease-chip__label">{l.label}</span> {l.remaining}/{l.granted}
            {l.low ? <span className="sr-only"> ({lowLabel})</span> : null}
          </span>
        ))}
      </button>
      {open ? (
        <div
          id={listId}
          className="lease-popover"
          role="region"
          aria-label={title}
          data-testid="lease-popover"
        >
          <ul className="plain">
            {leases.map((l) => (
              <li key={l.counter} data-counter={l.counter}>
                <strong>{l.label}</strong>
                <span className={l.low ? 'lease-popover__low' : undefined}>{l.level}</span>
                <span className="muted small">{l.expires}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
