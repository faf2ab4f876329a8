import { useId } from 'react';
import type { ZodType } from 'zod';
import type { Result } from '../../../shared/result';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';

/**
 * One number a manager sets for one terminal (its overuse cap, its voucher share): a field checked with
 * the route's own schema, the refusal beside it, saved with `save`. The terminal takes it with its next
 * pull. `field` names the body's one key.
 */
export function TerminalNumberDialog<K extends string>(props: {
  title: string;
  field: K;
  label: string;
  hint: string;
  invalid: string;
  initial: string;
  maxLength: number;
  schema: ZodType;
  /** The typed text as the body's value; what is no number is left for the schema to refuse. */
  toValue: (text: string) => unknown;
  save: (body: Record<K, never>) => Promise<Result<unknown>>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const id = useId();
  const { field, onSaved } = props;
  const form = useRecordForm({
    initial: { value: props.initial },
    schema: props.schema,
    toBody: (d) => ({ [field]: props.toValue(d.value) }),
    save: async (body: Record<K, never>) => {
      const saved = await props.save(body);
      if (!saved.ok) return saved;
      onSaved();
      return null;
    },
  });
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={props.onClose}
        submitLabel={t('admin.save')}
        onSubmit={() => void form.submit()}
      >
        <TextField
          id={`${id}-${field}`}
          label={props.label}
          value={form.draft.value}
          onChange={(v) => form.set('value', v)}
          error={form.errors[field] && props.invalid}
          inputMode="numeric"
          maxLength={props.maxLength}
          autoFocus
          hint={props.hint}
        />
      </DialogForm>
    </Dialog>
  );
}
