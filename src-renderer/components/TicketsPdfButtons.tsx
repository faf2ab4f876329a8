import { useState } from 'react';
import type { Result } from '../../shared/result';
import { TICKET_PDF_FORMATS, type TicketPdfFormat } from '../../shared/tickets/layout';
import { downloadBytes } from '../features/manage/download';

interface TicketsPdfButtonsProps {
  /** One label per paper: A4 to print at home, ticket stock. */
  labels: Record<TicketPdfFormat, string>;
  /** Makes the PDF (the server in the back office, the main process at a terminal). */
  load: (format: TicketPdfFormat) => Promise<Result<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }>>;
}

/**
 * Offers an order's tickets as a PDF download in both sizes (docs/TICKETS.md "Printing tickets"); a
 * refusal is said beside the buttons, and nothing else on the screen changes.
 */
export function TicketsPdfButtons({ labels, load }: TicketsPdfButtonsProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = (format: TicketPdfFormat) => {
    setBusy(true);
    void load(format).then((result) => {
      setBusy(false);
      setError(result.ok ? null : result.message);
      if (result.ok) downloadBytes(result.value.fileName, result.value.bytes, 'application/pdf');
    });
  };
  return (
    <>
      <div className="button-row" data-testid="tickets-pdf">
        {TICKET_PDF_FORMATS.map((format) => (
          <button key={format} type="button" disabled={busy} onClick={() => save(format)}>
            {labels[format]}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </>
  );
}
