import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  /** Room for tables with many columns (an order's lines). */
  wide?: boolean;
}

/**
 * A real modal: the native <dialog> opened with showModal() makes the page behind it inert (so focus
 * stays inside), closes on Esc, and we hand focus back to whatever opened it.
 */
export function Dialog({ title, onClose, children, testId, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Esc fires 'cancel' at once but 'close' only in a later task. Answering 'cancel' unmounts us
    // before that, so an Enter pressed straight after Esc reopens the dialog instead of being
    // undone by the late 'close' (the e2e suite hit exactly that race).
    let done = false;
    const closed = () => {
      if (done) return;
      done = true;
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', closed);
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('cancel', closed);
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
