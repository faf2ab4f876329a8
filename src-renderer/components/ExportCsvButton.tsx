import { useState } from 'react';
import type { Result } from '../../shared/result';
import { downloadText } from '../features/manage/download';

interface ExportCsvButtonProps {
  label: string;
  /** The download's file name. */
  fileName: string;
  /** The report's CSV twin with the filters on screen. */
  load: () => Promise<Result<string>>;
}

/** Downloads a report's CSV; a refusal is said beside the button and the screen keeps its filters. */
export function ExportCsvButton({ label, fileName, load }: ExportCsvButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void load().then((result) => {
            setBusy(false);
            setError(result.ok ? null : result.message);
            if (result.ok) downloadText(fileName, result.value, 'text/csv;charset=utf-8');
          });
        }}
      >
        {label}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </>
  );
}
