import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { FieldCell, SelectField, TextAreaField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useSeatMapStore, type ImportProblem } from '../../stores/seat-map-store';

type Format = 'csv' | 'json';

/** The bands typed as "A, B, C": names, best first, no empty ones. */
export const bandList = (typed: string) =>
  typed
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);

/**
 * Imports a seat map from a file or pasted text. The server checks it whole; a refusal lists its problems
 * row by row under the form, and everything typed or chosen stays for the next try.
 */
export function SeatMapImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const importMap = useSeatMapStore((s) => s.importMap);
  const note = useSeatMapStore((s) => s.note);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<Format>('csv');
  const [content, setContent] = useState('');
  const [bands, setBands] = useState('');
  const [errors, setErrors] = useState<{ name?: string; content?: string; bands?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [busy, setBusy] = useState(false);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setContent(await file.text());
    if (/\.json$/i.test(file.name)) setFormat('json');
    else if (/\.csv$/i.test(file.name)) setFormat('csv');
    if (!name.trim()) setName(file.name.replace(/\.(csv|json)$/i, ''));
  };

  const submit = async () => {
    const next = {
      ...(name.trim() ? {} : { name: t('admin.seatMaps.nameMissing') }),
      ...(content.trim() ? {} : { content: t('admin.seatMaps.contentMissing') }),
      ...(format === 'csv' && bandList(bands).length === 0
        ? { bands: t('admin.seatMaps.bandsMissing') }
        : {}),
    };
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const refused = await importMap({
      name: name.trim(),
      format,
      content,
      ...(format === 'csv' ? { bands: bandList(bands) } : {}),
    });
    setBusy(false);
    if (refused) {
      setFailure(refused.message);
      setProblems(refused.problems);
      return;
    }
    const seats = useSeatMapStore.getState().open?.seats.length ?? 0;
    note(t('admin.seatMaps.imported', { name: name.trim(), seats }));
    onClose();
  };

  return (
    <Dialog title={t('admin.seatMaps.import')} onClose={onClose} wide testId="seat-map-import">
      <DialogForm
        busy={busy}
        error={failure}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('admin.seatMaps.import')}
        onSubmit={() => void submit()}
      >
        <FieldCell>
          <TextField
            id={`${id}-name`}
            label={t('admin.seatMaps.name')}
            value={name}
            onChange={setName}
            error={errors.name}
            autoFocus
          />
        </FieldCell>
        <FieldCell>
          <SelectField<Format>
            id={`${id}-format`}
            label={t('admin.seatMaps.format')}
            value={format}
            options={[
              { value: 'csv', label: 'CSV' },
              { value: 'json', label: 'JSON' },
            ]}
            onChange={setFormat}
          />
        </FieldCell>
        <FieldCell>
          <label htmlFor={`${id}-file`}>{t('admin.seatMaps.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </FieldCell>
        <FieldCell wide>
          <TextAreaField
            id={`${id}-content`}
            label={t('admin.seatMaps.content')}
            hint={format === 'csv' ? t('admin.seatMaps.csvHint') : undefined}
            value={content}
            onChange={setContent}
            error={errors.content}
            rows={8}
          />
        </FieldCell>
        {format === 'csv' ? (
          <FieldCell wide>
            <TextField
              id={`${id}-bands`}
              label={t('admin.seatMaps.bands')}
              hint={t('admin.seatMaps.bandsHint')}
              value={bands}
              onChange={setBands}
              error={errors.bands}
            />
          </FieldCell>
        ) : null}
        {problems.length > 0 ? (
          <div
            className="seat-problems field-cell--wide"
            data-testid="seat-map-problems"
            role="region"
            aria-label={t('admin.seatMaps.problems')}
            // Scrolls when the list is long: focusable so the keyboard can scroll it too.
            tabIndex={0}
          >
            <table className="manage__table">
              <caption>{t('admin.seatMaps.problems')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.seatMaps.row')}</th>
                  <th scope="col">{t('admin.seatMaps.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={`${p.row}-${i}`}>
                    <td>{p.row}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </DialogForm>
    </Dialog>
  );
}
