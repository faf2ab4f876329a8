import { useEffect, useId, useRef, useState } from 'react';
import type { ManagedCode } from '../../../shared/ipc/domains/manage';
import { MAX_CHILDREN_PER_BATCH } from '../../../shared/ipc/manage-schemas';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useManageStore } from '../../stores/manage-store';

/** Bulk child codes from a parent: how many and a prefix, then a progress bar until the server is done. */
export function GenerateChildrenDialog({ parent, onClose }: { parent: ManagedCode; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const generate = useManageStore((s) => s.generate);
  const job = useManageStore((s) => s.job);
  const jobError = useManageStore((s) => s.jobError);
  const clearJob = useManageStore((s) => s.clearJob);
  const [count, setCount] = useState('100');
  const [prefix, setPrefix] = useState('');
  const [countError, setCountError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const countRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);

  // A job from an earlier opening is not this one's.
  useEffect(() => {
    clearJob();
    return clearJob;
  }, [clearJob]);

  const finished = job?.status === 'done' || job?.status === 'failed';
  useEffect(() => {
    if (finished) doneRef.current?.focus();
  }, [finished]);

  const submit = async () => {
    setError(null);
    setCountError(null);
    const n = /^\d{1,6}$/.test(count.trim()) ? Number(count.trim()) : NaN;
    if (!(n >= 1 && n <= MAX_CHILDREN_PER_BATCH)) {
      setCountError(t('manage.generate.countInvalid', { max: MAX_CHILDREN_PER_BATCH.toLocaleString() }));
      countRef.current?.focus();
      return;
    }
    setBusy(true);
    const failure = await generate(parent.id, n, prefix);
    setBusy(false);
    if (failure) setError(failure.message);
  };

  const title = t('manage.generate.title', { code: parent.code });
  if (job) {
    return (
      <Dialog title={title} onClose={onClose} testId="generate-dialog">
        <label htmlFor={`${id}-progress`}>{t('manage.generate.progressLabel')}</label>
        <progress
          id={`${id}-progress`}
          className="progress"
          max={job.requested}
          value={job.generated}
          data-testid="generate-progress"
          data-status={job.status}
        />
        <p role="status" data-testid="generate-status">
          {job.status === 'done'
            ? t('manage.generate.done', { count: job.generated })
            : job.status === 'failed'
              ? (job.error ?? t('manage.generate.failed'))
              : t('manage.generate.running', { done: job.generated, of: job.requested })}
        </p>
        {jobError ? (
          <p role="alert" className="error">
            {jobError}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button ref={doneRef} type="button" className={finished ? 'primary' : undefined} onClick={onClose}>
            {finished ? t('manage.generate.close') : t('manage.generate.background')}
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={title} onClose={onClose} testId="generate-dialog">
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        error={error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('manage.generate.start')}
      >
        <p className="muted">{t('manage.generate.intro')}</p>
        <TextField
          id={`${id}-count`}
          label={t('manage.generate.count')}
          inputMode="numeric"
          value={count}
          onChange={setCount}
          error={countError}
          inputRef={countRef}
          autoFocus
        />
        <TextField
          id={`${id}-prefix`}
          label={t('manage.generate.prefix')}
          value={prefix}
          onChange={setPrefix}
          maxLength={40}
        />
      </DialogForm>
    </Dialog>
  );
}
