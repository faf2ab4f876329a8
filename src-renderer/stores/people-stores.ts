import { create } from 'zustand';
import type { ListedRole, RoleInput, StaffInput, StaffMember } from '../../shared/auth/staff-schemas';
import { ok } from '../../shared/result';
import { staffCalls } from '../../shared/server-api/staff-calls';
import { server } from '../api/admin-host';
import { allVenues } from './catalogue-stores';
import { createRecordStore } from './record-store';
import type { Failure } from './sell-store';

// The back office's People screens: staff (paged on the server) and roles (built-in and custom; few
// enough that the server sends them all, so this list is searched and paged here).

const people = staffCalls(server);

/** '' in a filter field means "any": it is left out of the query. */
const given = (value: string) => (value === '' ? undefined : value);

export interface StaffFilter {
  q: string;
  roleId: string;
  active: '' | 'true' | 'false';
}

export const useStaffStore = createRecordStore<StaffMember, StaffFilter, StaffInput>(
  {
    list: ({ q, roleId, active, limit, offset }) =>
      people.list({
        q: given(q),
        roleId: given(roleId),
        active: active === '' ? undefined : active === 'true',
        limit,
        offset,
      }),
    create: (draft) => people.create(draft),
    // The role only when it changes: the server ends a person's sessions when their role is sent.
    update: (row, draft) => {
      const { roleId, ...rest } = draft;
      return people.update(row, roleId === row.roleId ? rest : draft);
    },
  },
  { q: '', roleId: '', active: '' },
);

/**
 * Deactivates or reactivates someone, then shows the list again. A failure is also the list's error
 * (reactivating has no dialog to show it in).
 */
export async function setActive(row: StaffMember, active: boolean): Promise<Failure | null> {
  const result = active ? await people.reactivate(row.id) : await people.deactivate(row.id);
  if (!result.ok) {
    useStaffStore.setState({ error: result.message });
    return result;
  }
  await useStaffStore.getState().load();
  return null;
}

export async function resetPin(row: StaffMember, pin: string): Promise<Failure | null> {
  const result = await people.resetPin(row.id, pin);
  if (!result.ok) return result;
  await useStaffStore.getState().load();
  return null;
}

/** A search in the roles list matches part of a role's id or name. */
const matches = (role: ListedRole, q: string) =>
  `${role.id} ${role.name}`.toLowerCase().includes(q.trim().toLowerCase());

export const useRoleStore = createRecordStore<ListedRole, { q: string }, RoleInput>(
  {
    async list({ q, limit, offset }) {
      const result = await people.roles();
      if (!result.ok) return result;
      usePeopleRefs.setState({ roles: result.value });
      const items = result.value.filter((r) => matches(r, q));
      return ok({ items: items.slice(offset, offset + limit), total: items.length, limit, offset });
    },
    create: (draft) => people.createRole(draft),
    update: (row, draft) => {
      const { id: _id, ...body } = draft;
      return people.updateRole(row, body);
    },
    remove: (row) => people.removeRole(row.id),
  },
  { q: '' },
);

interface PeopleRefs {
  /** Every role, for the staff list's role names and the role choices. */
  roles: ListedRole[];
  /** Every venue of the organisation: the places a person can work. */
  venues: { id: string; name: string }[];
  error: string | null;
  load: () => Promise<void>;
}

export const usePeopleRefs = create<PeopleRefs>()((set) => ({
  roles: [],
  venues: [],
  error: null,
  async load() {
    const [roles, venues] = await Promise.all([people.roles(), allVenues()]);
    if (!roles.ok) return set({ error: roles.message });
    if (!venues.ok) return set({ error: venues.message });
    set({
      roles: roles.value,
      venues: venues.value.map((v) => ({ id: v.id, name: v.name })),
      error: null,
    });
  },
}));
