import { useEffect, useId } from 'react';
import type { TerminalLeaseRow, TerminalRow } from '../../../shared/sync/terminal-admin';
import { leaseCapSchema } from '../../../shared/sync/terminal-admin';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { PagedTable } from '../../components/PagedTable';
import { TextField } from '../../components/TextField';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import { useTerminalLeaseStore, useTerminalStore } from '../../stores/terminal-admin-stores';

const LEASE_PAGE = 20;

/** What a lease's counter limits, for people: the code or the performance, or that it is gone. */
function useLeaseLabel(): (lease: TerminalLeaseRow) => string {
  const t = useT();
  const dateTime = useDateTime();
  return (lease) =>
    lease.label === null || lease.kind === null
      ? t('admin.terminals.lease.gone', { counter: lease.counter })
      : t(`admin.terminals.lease.kind.${lease.kind}`, {
          label: lease.label,
          at: lease.startsAt ? dateTime(lease.startsAt) : '',
        });
}

/** One terminal's leases in its current epoch, those it holds now first. */
export function LeasesDialog({ terminal, onClose }: { terminal: TerminalRow; onClose: () => void }) {
  const t = useT();
  const dateTime = useDateTime();
  const label = useLeaseLabel();
  const { filter, page, error } = useTerminalLeaseStore();
  const { setFilter } = useTerminalLeaseStore.getState();

  useEffect(() => {
    setFilter({ terminalId: terminal.id });
  }, [setFilter, terminal.id]);

  const shown = filter.terminalId === terminal.id ? page : null;
  return (
    <Dialog title={t('admin.terminals.leasesTitle', { name: terminal.name })} onClose={onClose}>
      <PagedTable
        columns={[
          t('admin.terminals.lease.what'),
          t('admin.terminals.lease.held'),
          t('admin.terminals.lease.granted'),
          t('admin.terminals.lease.used'),
          t('admin.terminals.lease.returned'),
          t('admin.terminals.lease.expires'),
          t('admin.terminals.status'),
        ]}
        page={shown}
        error={error}
        offset={filter.offset}
        limit={LEASE_PAGE}
        onPage={(offset) => setFilter({ offset })}
        emptyText={t('admin.terminals.noLeases')}
        row={(lease) => (
          <tr key={lease.id}>
            <th scope="row">{label(lease)}</th>
            <td>{lease.held}</td>
            <td>{lease.granted}</td>
            <td>{lease.used}</td>
            <td>{lease.returned}</td>
            <td>{dateTime(lease.expiresAt)}</td>
            <td>{t(`admin.terminals.lease.status.${lease.status}`)}</td>
          </tr>
        )}
      />
      <div className="dialog__actions">
        <button type="button" onClick={onClose} data-autofocus>
          {t('admin.close')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Typed text as the schema's `percent`: empty is the default (null). Anything but digits stands in as a
 * fraction, so the schema's own sentence ("a whole number") is the one shown beside the field.
 */
function percentOf(typed: string): number | null {
  const text = typed.trim();
  if (text === '') return null;
  return /^-?\d+$/.test(text) ? Number(text) : 0.5;
}

/** The share of each capped counter this terminal may hold, checked with the route's own schema. */
export function LeaseCapForm({ terminal }: { terminal: TerminalRow }) {
  const t = useT();
  const id = useId();
  const { save, closeEditor } = useTerminalStore.getState();
  const form = useRecordForm({
    initial: { percent: terminal.leaseCapPercent === null ? '' : String(terminal.leaseCapPercent) },
    schema: leaseCapSchema,
    toBody: (d) => ({ percent: percentOf(d.percent) }),
    save,
  });
  return (
    <Dialog title={t('admin.terminals.leaseCapTitle', { name: terminal.name })} onClose={closeEditor}>
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={closeEditor}
        submitLabel={t('admin.save')}
        onSubmit={() => void form.submit()}
      >
        <TextField
          id={`${id}-percent`}
          label={t('admin.terminals.leaseCapField')}
          value={form.draft.percent}
          onChange={(v) => form.set('percent', v)}
          error={form.errors.percent}
          inputMode="numeric"
          maxLength={3}
          autoFocus
          hint={t('admin.terminals.leaseCapHint')}
        />
      </DialogForm>
    </Dialog>
  );
}
