import { channels as c } from '../../shared/ipc/channels';
import type { ManageService } from '../services/manage-service';
import type { Handlers } from './dispatcher';

type ManageChannel = (typeof c.manage)[keyof typeof c.manage];

/**
 * The manager screens' channels. Main checks the terminal role (access.ts: codes.manage or
 * reports.view) before these run; the manage service then needs this staff member's own server
 * session, and the server checks its role again. Hiding the menu in the renderer is a convenience only.
 */
export function createManageHandlers(manage: ManageService): Pick<Handlers, ManageChannel> {
  return {
    [c.manage.session]: (_r, a) => ({ ok: true, value: manage.session(a) }),
    [c.manage.signIn]: (r, a) => manage.signIn(a, r),
    [c.manage.signOut]: (_r, a) => manage.signOut(a),
    [c.manage.listCodes]: (r, a) => manage.listCodes(a, r),
    [c.manage.getCode]: (r, a) => manage.getCode(a, r.id),
    [c.manage.createCode]: (r, a) => manage.createCode(a, r),
    [c.manage.updateCode]: (r, a) => manage.updateCode(a, r),
    [c.manage.setCodeStatus]: (r, a) => manage.setCodeStatus(a, r),
    [c.manage.deleteCode]: (r, a) => manage.deleteCode(a, r.id),
    [c.manage.generateChildren]: (r, a) => manage.generateChildren(a, r),
    [c.manage.generationJob]: (r, a) => manage.generationJob(a, r.jobId),
    [c.manage.codeReport]: (r, a) => manage.codeReport(a, r),
    [c.manage.overuseReport]: (r, a) => manage.overuseReport(a, r),
    [c.manage.exportCsv]: (r, a) => manage.exportCsv(a, r),
    [c.manage.codeVersions]: (r, a) => manage.codeVersions(a, r.id),
    [c.manage.searchCatalogue]: (r, a) => manage.searchCatalogue(a, r),
  };
}
