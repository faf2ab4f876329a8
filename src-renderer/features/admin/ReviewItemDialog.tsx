import { useId, useState } from 'react';
import type { ReviewAction } from '../../../shared/server-api/terminal-calls';
import { reviewActionSchema } from '../../../shared/sync/protocol';
import type { ReviewRow } from '../../../shared/sync/terminal-admin';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { FieldList } from '../../components/FieldList';
import { TextAreaField } from '../../components/FormFields';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import { actOnReviewItem } from '../../stores/terminal-admin-stores';

/** Which actions an item offers: a retry only for a record the server held back (review-service.ts). */
function actionsFor(item: ReviewRow): ReviewAction[] {
  const decisions: ReviewAction[] = item.status === 'open' ? ['accept', 'flag'] : [];
  const retry = item.kind === 'quarantined' && item.mutationId !== null && item.status !== 'applied';
  return retry ? [...decisions, 'retry'] : decisions;
}

/** One review item: why it is held and what the terminal sent, then accept, flag or retry with a note. */
export function ReviewItemDialog(props: { item: ReviewRow; mayAct: boolean; onClose: () => void }) {
  const { item, mayAct, onClose } = props;
  const t = useT();
  const dateTime = useDateTime();
  const [action, setAction] = useState<ReviewAction | null>(null);
  const terminal = item.terminalName ?? t('admin.review.noTerminal');
  const actions = mayAct ? actionsFor(item) : [];
  return (
    <Dialog
      title={t('admin.review.detailsTitle', { kind: t(`admin.review.kind.${item.kind}`), terminal })}
      onClose={onClose}
      testId="review-item"
    >
      {action ? (
        <NoteForm item={item} action={action} onCancel={() => setAction(null)} onDone={onClose} />
      ) : (
        <>
          <FieldList
            fields={[
              { id: 'review-summary', label: t('admin.review.summary'), value: item.summary },
              { id: 'review-raised', label: t('admin.review.raised'), value: dateTime(item.createdAt) },
              {
                id: 'review-status',
                label: t('admin.terminals.status'),
                value: t(`admin.review.status.${item.status}`),
              },
              ...(item.counter
                ? [{ id: 'review-counter', label: t('admin.review.counter'), value: item.counter }]
                : []),
              ...(item.units !== null
                ? [{ id: 'review-units', label: t('admin.review.units'), value: String(item.units) }]
                : []),
              ...(item.mutationId
                ? [{ id: 'review-mutation', label: t('admin.review.mutation'), value: item.mutationId }]
                : []),
              ...(item.resolvedAt
                ? [
                    {
                      id: 'review-decided',
                      label: t('admin.review.decided'),
                      value: dateTime(item.resolvedAt),
                    },
                  ]
                : []),
              ...(item.note ? [{ id: 'review-note', label: t('admin.review.note'), value: item.note }] : []),
            ]}
          />
          <h3>{t('admin.review.sent')}</h3>
          {/* Focusable, so a keyboard can scroll a long payload. */}
          <pre className="review-payload" tabIndex={0} aria-label={t('admin.review.sent')}>
            {JSON.stringify(item.payload, null, 2)}
          </pre>
          <div className="dialog__actions">
            <button type="button" onClick={onClose} data-autofocus>
              {t('admin.close')}
            </button>
            {actions.map((a) => (
              <button key={a} type="button" onClick={() => setAction(a)}>
                {t(`admin.review.${a}`)}
              </button>
            ))}
          </div>
        </>
      )}
    </Dialog>
  );
}

/** The note every action requires, checked with the route's own schema before it is sent. */
function NoteForm(props: {
  item: ReviewRow;
  action: ReviewAction;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { item, action, onCancel, onDone } = props;
  const t = useT();
  const id = useId();
  const form = useRecordForm({
    initial: { note: '' },
    schema: reviewActionSchema,
    toBody: (d) => d,
    save: async (body: { note: string }) => {
      const failure = await actOnReviewItem(item, action, body.note);
      if (!failure) onDone();
      return failure;
    },
  });
  return (
    <DialogForm
      busy={form.busy}
      error={form.formError}
      cancelLabel={t('dialog.cancel')}
      onCancel={onCancel}
      submitLabel={t(`admin.review.confirm.${action}`)}
      onSubmit={() => void form.submit()}
    >
      <p>{t(`admin.review.help.${action}`)}</p>
      <TextAreaField
        id={`${id}-note`}
        label={t('admin.review.noteLabel')}
        value={form.draft.note}
        onChange={(v) => form.set('note', v)}
        error={form.errors.note}
      />
    </DialogForm>
  );
}
