import type { Permission } from '../../shared/auth/permissions';
import { channels as c } from '../../shared/ipc/channels';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { Actor } from '../../shared/ipc/domains/staff';
import type { Result } from '../../shared/result';
import type { ManageService } from '../services/manage-service';
import type { StaffService } from '../services/staff-service';
import type { Handlers } from './dispatcher';

/** handlers.ts's `as`: runs a handler as the signed-in actor if they hold the permission. */
export type AsGuard = <Req, T>(
  permission: Permission | undefined,
  fn: (actor: Actor, request: Req) => Result<T> | Promise<Result<T>>,
) => (request: Req) => Result<T> | Promise<Result<T>>;

type ManageChannel = (typeof c.manage)[keyof typeof c.manage];
type R<C extends ManageChannel> = ParsedRequestOf<C>;

/**
 * The manager screens' channels. Main checks the terminal role here (codes.manage or reports.view);
 * the manage service then needs this staff member's own server session, and the server checks its role
 * again. Hiding the menu in the renderer is a convenience only.
 */
export function createManageHandlers(
  manage: ManageService,
  staff: StaffService,
  as: AsGuard,
): Pick<Handlers, ManageChannel> {
  /** Signing in to the server is for anyone who will use one of the manager screens. */
  const asManager =
    <Req, T>(fn: (actor: Actor, request: Req) => Result<T> | Promise<Result<T>>) =>
    (request: Req): Result<T> | Promise<Result<T>> => {
      const codes = staff.require('codes.manage');
      const actor = codes.ok ? codes : staff.require('reports.view');
      return actor.ok ? fn(actor.value, request) : actor;
    };
  const codes = 'codes.manage' as const;
  const reports = 'reports.view' as const;

  return {
    [c.manage.session]: asManager((a) => ({ ok: true, value: manage.session(a) })),
    [c.manage.signIn]: asManager((a, r: R<typeof c.manage.signIn>) => manage.signIn(a, r)),
    [c.manage.signOut]: asManager((a) => manage.signOut(a)),
    [c.manage.listCodes]: as(codes, (a, r: R<typeof c.manage.listCodes>) => manage.listCodes(a, r)),
    [c.manage.getCode]: as(codes, (a, r: R<typeof c.manage.getCode>) => manage.getCode(a, r.id)),
    [c.manage.createCode]: as(codes, (a, r: R<typeof c.manage.createCode>) => manage.createCode(a, r)),
    [c.manage.updateCode]: as(codes, (a, r: R<typeof c.manage.updateCode>) => manage.updateCode(a, r)),
    [c.manage.setCodeStatus]: as(codes, (a, r: R<typeof c.manage.setCodeStatus>) =>
      manage.setCodeStatus(a, r),
    ),
    [c.manage.deleteCode]: as(codes, (a, r: R<typeof c.manage.deleteCode>) => manage.deleteCode(a, r.id)),
    [c.manage.generateChildren]: as(codes, (a, r: R<typeof c.manage.generateChildren>) =>
      manage.generateChildren(a, r),
    ),
    [c.manage.generationJob]: as(codes, (a, r: R<typeof c.manage.generationJob>) =>
      manage.generationJob(a, r.jobId),
    ),
    [c.manage.codeReport]: as(reports, (a, r: R<typeof c.manage.codeReport>) => manage.codeReport(a, r)),
    [c.manage.overuseReport]: as(reports, (a, r: R<typeof c.manage.overuseReport>) =>
      manage.overuseReport(a, r),
    ),
    [c.manage.exportCsv]: as(reports, (a, r: R<typeof c.manage.exportCsv>) => manage.exportCsv(a, r)),
  };
}
