import { useEffect, useId } from 'react';
import { PERMISSIONS } from '../../../shared/auth/permissions';
import { roleBody, type ListedRole } from '../../../shared/auth/staff-schemas';
import { CheckList } from '../../components/CheckList';
import { FieldError } from '../../components/FormFields';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { RecordTable } from '../../components/RecordTable';
import { RecordToolbar } from '../../components/RecordToolbar';
import { TextField } from '../../components/TextField';
import { useLanguage } from '../../i18n/language';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { amountText, formatPercent, parseAmount, parsePercent } from '../../lib/amount-input';
import { permissionGroups, permissionLabel } from '../../lib/permission-groups';
import { capText, capToSend } from '../../lib/cap-input';
import { useRecordForm } from '../../lib/use-record-form';
import { useOrganisationStore } from '../../stores/organisation-store';
import { useRoleStore } from '../../stores/people-stores';

const PAGE = 50;

/** Built-in roles (read-only) and the organisation's own: what each may do, and its discount ceiling. */
export function RolesScreen() {
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const { filter, page, error, editing } = useRoleStore();
  const { setFilter, load, startCreate, startEdit, remove } = useRoleStore.getState();
  const currency = useOrganisationStore((s) => s.settings?.currency ?? 'EUR');

  useEffect(() => {
    void load();
    void useOrganisationStore.getState().load();
  }, [load]);

  return (
    <div data-testid="roles-screen">
      <RecordToolbar
        q={filter.q}
        onSearch={(q) => setFilter({ q })}
        newLabel={t('admin.roles.new')}
        onNew={startCreate}
      />
      <RecordTable
        columns={[
          { label: t('admin.field.name'), cell: (r) => r.name },
          { label: t('admin.roles.id'), cell: (r) => r.id },
          {
            label: t('admin.roles.kind'),
            cell: (r) => (r.builtIn ? t('admin.roles.builtIn') : t('admin.roles.custom')),
          },
          {
            label: t('admin.roles.permissions'),
            cell: (r) =>
              t('admin.roles.permissionCount', { n: r.permissions.length, total: PERMISSIONS.length }),
          },
          {
            label: t('admin.roles.ceiling'),
            cell: (r) =>
              r.customDiscountCeiling.amount >= Number.MAX_SAFE_INTEGER
                ? formatPercent(r.customDiscountCeiling.percent, language)
                : `${formatPercent(r.customDiscountCeiling.percent, language)} · ${money(r.customDiscountCeiling.amount, currency)}`,
          },
          {
            label: t('admin.roles.overuseCap'),
            cell: (r) => (r.overuseCap === null ? t('admin.roles.noCap') : String(r.overuseCap)),
          },
        ]}
        page={page}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        canChange={(r) => !r.builtIn}
        onEdit={startEdit}
        editLabel={(r) => t('admin.roles.edit', { name: r.name })}
        deleteLabel={(r) => t('admin.deleteNamed', { name: r.name })}
        deleteTitle={(r) => t('admin.roles.deleteTitle', { name: r.name })}
        remove={remove}
      />
      {editing ? (
        <RoleForm key={editing.mode === 'edit' ? editing.row.id : 'new'} currency={currency} />
      ) : null}
    </div>
  );
}

function RoleForm({ currency }: { currency: string }) {
  const t = useT();
  const id = useId();
  const editing = useRoleStore((s) => s.editing);
  const { save, closeEditor } = useRoleStore.getState();
  const row: ListedRole | null = editing?.mode === 'edit' ? editing.row : null;
  const ceiling = row?.customDiscountCeiling ?? { percent: 0, amount: 0 };
  const form = useRecordForm({
    initial: {
      id: row?.id ?? '',
      name: row?.name ?? '',
      permissions: row?.permissions ?? [],
      percent: String(ceiling.percent / 100),
      amount: amountText(ceiling.amount, currency),
      overuseCap: capText(row?.overuseCap),
    },
    schema: roleBody,
    toBody: (d) => ({
      id: d.id.trim(),
      name: d.name,
      permissions: d.permissions,
      customDiscountCeiling: {
        percent: parsePercent(d.percent) ?? Number.NaN,
        amount: parseAmount(d.amount, currency) ?? Number.NaN,
      },
      // Empty: no cap. Anything but whole digits is left for the schema to refuse beside the field.
      overuseCap: capToSend(d.overuseCap, null),
    }),
    save,
  });
  const { draft, set, errors } = form;
  return (
    <RecordFormDialog
      title={row ? t('admin.roles.edit', { name: row.name }) : t('admin.roles.new')}
      form={form}
      onClose={closeEditor}
    >
      {row ? null : (
        <TextField
          id={`${id}-id`}
          label={t('admin.roles.id')}
          value={draft.id}
          onChange={(v) => set('id', v)}
          error={errors.id}
          hint={t('admin.roles.idHint')}
          autoFocus
        />
      )}
      <TextField
        id={`${id}-name`}
        label={t('admin.field.name')}
        value={draft.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
        autoFocus={!!row}
      />
      <p className="muted small">{t('admin.roles.grantHint')}</p>
      {permissionGroups().map((group) => (
        <CheckList
          key={group.label}
          id={`${id}-${group.label}`}
          legend={t(group.label)}
          options={group.permissions.map((p) => ({ value: p, label: t(permissionLabel(p)) }))}
          // Each group shows its own ticks and keeps the other groups' as they are.
          value={draft.permissions.filter((p) => group.permissions.includes(p))}
          onChange={(chosen) =>
            set('permissions', [
              ...draft.permissions.filter((p) => !group.permissions.includes(p)),
              ...chosen,
            ])
          }
        />
      ))}
      <FieldError id={`${id}-permissions`} error={errors.permissions} />
      <TextField
        id={`${id}-percent`}
        label={t('admin.roles.ceilingPercent')}
        inputMode="decimal"
        value={draft.percent}
        onChange={(v) => set('percent', v)}
        error={errors['customDiscountCeiling.percent'] && t('admin.percentInvalid')}
        hint={t('admin.roles.ceilingHint')}
      />
      <TextField
        id={`${id}-amount`}
        label={t('admin.roles.ceilingAmount', { currency })}
        inputMode="decimal"
        value={draft.amount}
        onChange={(v) => set('amount', v)}
        error={errors['customDiscountCeiling.amount'] && t('admin.amountInvalid', { currency })}
      />
      <TextField
        id={`${id}-overuse-cap`}
        label={t('admin.roles.overuseCapField')}
        inputMode="numeric"
        value={draft.overuseCap}
        onChange={(v) => set('overuseCap', v)}
        error={errors.overuseCap && t('admin.roles.overuseCapInvalid')}
        hint={t('admin.roles.overuseCapHint')}
      />
    </RecordFormDialog>
  );
}
