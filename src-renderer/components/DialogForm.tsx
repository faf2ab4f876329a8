import type { ReactNode } from 'react';

interface DialogFormProps {
  busy: boolean;
  onSubmit: () => void;
  /** A sentence about the whole form; field errors sit beside their fields. */
  error?: string | null;
  cancelLabel: string;
  onCancel: () => void;
  submitLabel: string;
  submitDisabled?: boolean;
  /** Buttons between Cancel and the submit button. */
  extraActions?: ReactNode;
  children: ReactNode;
}

/** The body of every confirming dialog: its fields, the form's error, then Cancel and the action. */
export function DialogForm(props: DialogFormProps) {
  const {
    busy,
    onSubmit,
    error,
    cancelLabel,
    onCancel,
    submitLabel,
    submitDisabled,
    extraActions,
    children,
  } = props;
  return (
    <form
      className="form"
      aria-busy={busy}
      // Fields are checked inline with sentences beside them, never by the browser's own bubbles.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        {extraActions}
        <button type="submit" className="primary" disabled={busy || submitDisabled}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
