import type { ListedRole, RoleInput, StaffInput, StaffMember } from '../auth/staff-schemas';
import type { ServerCall } from './call';
import type { Page, PageRequest } from './page';
import { EXPECTED_VERSION_FIELD } from './version-conflict';

// The people side of the admin API as a client sees it: staff (paged, searchable), their PIN reset and
// custom roles. Updates send the version the editor opened.

export interface StaffQuery extends PageRequest {
  /** Part of the name or e-mail address. */
  q?: string;
  roleId?: string;
  venueId?: string;
  active?: boolean;
}

export function staffCalls(call: ServerCall) {
  return {
    list: (query: StaffQuery) => call<Page<StaffMember>>('GET', '/v1/staff', { query: { ...query } }),
    get: (id: string) => call<StaffMember>('GET', `/v1/staff/${id}`),
    create: (body: StaffInput) => call<StaffMember>('POST', '/v1/staff', { body }),
    update: (row: { id: string; version: number }, changes: Partial<StaffInput>) =>
      call<StaffMember>('PATCH', `/v1/staff/${row.id}`, {
        body: { ...changes, [EXPECTED_VERSION_FIELD]: row.version },
      }),
    /** Deactivates: the person's sessions end and their PIN leaves the terminals. */
    deactivate: (id: string) => call<StaffMember>('DELETE', `/v1/staff/${id}`),
    reactivate: (id: string) => call<StaffMember>('PATCH', `/v1/staff/${id}`, { body: { active: true } }),
    resetPin: (id: string, pin: string) =>
      call<StaffMember>('POST', `/v1/staff/${id}/pin`, { body: { pin } }),
    roles: () => call<ListedRole[]>('GET', '/v1/roles'),
    createRole: (body: RoleInput) => call<ListedRole>('POST', '/v1/roles', { body }),
    updateRole: (row: { id: string; version?: number }, body: Omit<RoleInput, 'id'>) =>
      call<ListedRole>('PUT', `/v1/roles/${row.id}`, {
        body: { ...body, [EXPECTED_VERSION_FIELD]: row.version },
      }),
    removeRole: (id: string) => call<null>('DELETE', `/v1/roles/${id}`),
  };
}
