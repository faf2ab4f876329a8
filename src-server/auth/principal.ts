import type { Permission } from '../../shared/auth/permissions';

/** Who is calling: a signed-in staff member (admin API) or an enrolled terminal (device token). */
export type Principal =
  | { kind: 'staff'; orgId: string; staffId: string; roleId: string; permissions: ReadonlySet<Permission> }
  | {
      kind: 'terminal';
      orgId: string;
      terminalId: string;
      venueId: string;
      permissions: ReadonlySet<Permission>;
    };

/** What an enrolled terminal may do on its own; staff permissions are checked on the terminal. */
export const TERMINAL_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['sell', 'tickets.check']);
