import { useEffect, useId, useState } from 'react';
import type { StaffMember } from '../../../shared/auth/staff-schemas';
import { staffBody } from '../../../shared/auth/staff-schemas';
import { CheckList } from '../../components/CheckList';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CheckField, FilterSelect, SelectField } from '../../components/FormFields';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { RecordTable } from '../../components/RecordTable';
import { RecordToolbar } from '../../components/RecordToolbar';
import { StatusBadge } from '../../components/StatusBadge';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { capText, capToSend } from '../../lib/cap-input';
import { useRecordForm } from '../../lib/use-record-form';
import { setActive, usePeopleRefs, useStaffStore } from '../../stores/people-stores';
import { ResetPinDialog } from './ResetPinDialog';

const PAGE = 50;

/** The organisation's staff: who may sign in where, with which role, and whether they have a PIN. */
export function StaffScreen() {
  const t = useT();
  const id = useId();
  const { filter, page, error, notice, editing } = useStaffStore();
  const { setFilter, load, startCreate, startEdit, note } = useStaffStore.getState();
  const { roles, venues, error: refsError } = usePeopleRefs();
  const [deactivating, setDeactivating] = useState<StaffMember | null>(null);
  const [resetting, setResetting] = useState<StaffMember | null>(null);

  useEffect(() => {
    void load();
    void usePeopleRefs.getState().load();
  }, [load]);

  const roleName = (roleId: string) => roles.find((r) => r.id === roleId)?.name ?? roleId;
  const venueName = (venueId: string) => venues.find((v) => v.id === venueId)?.name ?? venueId;

  const reactivate = async (row: StaffMember) => {
    if (!(await setActive(row, true))) note(t('admin.staff.reactivated', { name: row.name }));
  };

  return (
    <div data-testid="staff-screen">
      <RecordToolbar
        q={filter.q}
        onSearch={(q) => setFilter({ q })}
        newLabel={t('admin.staff.new')}
        onNew={startCreate}
      >
        <FilterSelect
          id={`${id}-role`}
          label={t('admin.staff.role')}
          anyLabel={t('admin.staff.allRoles')}
          value={filter.roleId}
          values={roles.map((r) => r.id)}
          labelOf={roleName}
          onChange={(roleId) => setFilter({ roleId })}
        />
        <FilterSelect
          id={`${id}-active`}
          label={t('manage.col.status')}
          anyLabel={t('admin.staff.everyone')}
          value={filter.active}
          values={['true', 'false'] as const}
          labelOf={(v) => (v === 'true' ? t('manage.status.active') : t('admin.staff.inactive'))}
          onChange={(active) => setFilter({ active })}
        />
      </RecordToolbar>
      {refsError ? (
        <p role="alert" className="error">
          {refsError}
        </p>
      ) : null}
      <RecordTable
        columns={[
          { label: t('admin.field.name'), cell: (s) => s.name },
          { label: t('manage.server.email'), cell: (s) => s.email ?? '' },
          { label: t('admin.staff.role'), cell: (s) => roleName(s.roleId) },
          { label: t('admin.staff.venues'), cell: (s) => s.venueIds.map(venueName).join(', ') },
          {
            label: t('manage.col.status'),
            cell: (s) => (
              <StatusBadge
                status={s.active ? 'active' : 'inactive'}
                label={s.active ? t('manage.status.active') : t('admin.staff.inactive')}
                testId="staff-status"
              />
            ),
          },
          {
            label: t('admin.staff.pinSet'),
            cell: (s) => (s.hasPin ? t('admin.staff.yes') : t('admin.staff.no')),
          },
        ]}
        page={page}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        notice={notice}
        onEdit={startEdit}
        editLabel={(s) => t('admin.staff.edit', { name: s.name })}
        actions={(s) => (
          <>
            <button
              type="button"
              aria-label={t('admin.staff.resetPinNamed', { name: s.name })}
              onClick={() => setResetting(s)}
            >
              {t('admin.staff.resetPin')}
            </button>
            {s.active ? (
              <button
                type="button"
                aria-label={t('admin.staff.deactivateNamed', { name: s.name })}
                onClick={() => setDeactivating(s)}
              >
                {t('admin.staff.deactivate')}
              </button>
            ) : (
              <button
                type="button"
                aria-label={t('admin.staff.reactivateNamed', { name: s.name })}
                onClick={() => void reactivate(s)}
              >
                {t('admin.staff.reactivate')}
              </button>
            )}
          </>
        )}
      />
      {editing ? <StaffForm key={editing.mode === 'edit' ? editing.row.id : 'new'} /> : null}
      {deactivating ? (
        <ConfirmDialog
          title={t('admin.staff.deactivateTitle', { name: deactivating.name })}
          body={t('admin.staff.deactivateBody', { name: deactivating.name })}
          confirmLabel={t('admin.staff.deactivate')}
          onConfirm={async () => {
            const failure = await setActive(deactivating, false);
            if (!failure) note(t('admin.staff.deactivated', { name: deactivating.name }));
            return failure?.message ?? null;
          }}
          onClose={() => setDeactivating(null)}
        />
      ) : null}
      {resetting ? (
        <ResetPinDialog
          person={resetting}
          role={roles.find((r) => r.id === resetting.roleId)}
          onDone={() => note(t('admin.staff.pinSaved', { name: resetting.name }))}
          onClose={() => setResetting(null)}
        />
      ) : null}
    </div>
  );
}

const overuseCapOf = (typed: string): number | null => capToSend(typed, null);

function StaffForm() {
  const t = useT();
  const id = useId();
  const editing = useStaffStore((s) => s.editing);
  const { roles, venues } = usePeopleRefs();
  const { save, closeEditor } = useStaffStore.getState();
  const row = editing?.mode === 'edit' ? editing.row : null;
  const form = useRecordForm({
    initial: {
      name: row?.name ?? '',
      email: row?.email ?? '',
      password: '',
      roleId: row?.roleId ?? 'seller',
      // A new person at an organisation with one venue works there; with several the manager says.
      venueIds: row?.venueIds ?? (venues.length === 1 ? venues.map((v) => v.id) : []),
      training: row?.training ?? false,
      overuseCap: capText(row?.overuseCap),
    },
    schema: staffBody,
    toBody: (d) => ({
      name: d.name,
      email: d.email.trim() || null,
      // A password only when one is typed: the form never shows or resends the current one.
      ...(d.password ? { password: d.password } : {}),
      roleId: d.roleId,
      venueIds: d.venueIds,
      training: d.training,
      // Empty: the role's cap. Anything but a whole number is left for the schema to refuse beside the field.
      overuseCap: overuseCapOf(d.overuseCap),
    }),
    save,
  });
  const { draft, set, errors } = form;
  return (
    <RecordFormDialog
      title={row ? t('admin.staff.edit', { name: row.name }) : t('admin.staff.new')}
      form={form}
      onClose={closeEditor}
    >
      <TextField
        id={`${id}-name`}
        label={t('admin.field.name')}
        value={draft.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
        autoFocus
      />
      <TextField
        id={`${id}-email`}
        label={t('manage.server.email')}
        type="email"
        value={draft.email}
        onChange={(v) => set('email', v)}
        error={errors.email}
      />
      <TextField
        id={`${id}-password`}
        label={t('manage.server.password')}
        type="password"
        value={draft.password}
        onChange={(v) => set('password', v)}
        error={errors.password}
        hint={row ? t('admin.staff.passwordHintEdit') : t('admin.staff.passwordHintNew')}
      />
      <SelectField
        id={`${id}-role`}
        label={t('admin.staff.role')}
        value={draft.roleId}
        options={roles.map((r) => ({ value: r.id, label: r.name }))}
        onChange={(v) => set('roleId', v)}
        error={errors.roleId}
      />
      {venues.length === 0 ? (
        <p className="muted">{t('admin.staff.noVenues')}</p>
      ) : (
        <CheckList
          id={`${id}-venues`}
          legend={t('admin.staff.venues')}
          hint={t('admin.staff.venuesHint')}
          options={venues.map((v) => ({ value: v.id, label: v.name }))}
          value={draft.venueIds}
          onChange={(v) => set('venueIds', v)}
          error={errors.venueIds}
        />
      )}
      {/* docs/CASH.md "Training mode": pulled with the staff row, so every terminal knows offline. */}
      <CheckField
        id={`${id}-training`}
        label={t('admin.staff.training')}
        checked={draft.training}
        onChange={(v) => set('training', v)}
      />
      <p className="muted">{t('admin.staff.trainingHint')}</p>
      <TextField
        id={`${id}-overuse-cap`}
        label={t('admin.staff.overuseCap')}
        value={draft.overuseCap}
        onChange={(v) => set('overuseCap', v)}
        error={errors.overuseCap && t('admin.overuseCap.bad')}
        inputMode="numeric"
        maxLength={5}
        hint={t('admin.staff.overuseCapHint')}
      />
    </RecordFormDialog>
  );
}
