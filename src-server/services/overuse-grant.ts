import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/database';
import { reject } from '../errors';
import { staffSession } from './auth-service';

// docs/SECURITY.md "Overuse proof": an online overuse is honoured only on a supervisor's own server
// credentials. A staff id alone proves nothing (a seller can read every supervisor's id off the
// terminal's staff list), so the grantor is whoever authenticated: the caller, or the session whose
// token the caller brought.

export interface OveruseClaim {
  reason: string;
  /** Who the caller says granted it; only ever checked against the proof, never taken on its own. */
  grantedBy?: string | undefined;
  /** The granting supervisor's own session token (POST /v1/auth/login), when the caller is not them. */
  approverToken?: string | undefined;
}

const HOW =
  'an overuse needs a supervisor’s own proof: call as a staff member whose role holds overuse.grant, ' +
  'or send overuse.approverToken, the session token the granting supervisor gets from POST /v1/auth/login';

/** The supervisor who proved the grant (their role caps it); refuses with 403 when nothing proves it. */
export async function overuseGrantor(
  tx: Queryable,
  principal: Principal,
  claim: OveruseClaim,
  now: string,
): Promise<{ staffId: string; roleId: string }> {
  let grantor: Principal & { kind: 'staff' };
  if (claim.approverToken !== undefined) {
    const approver = await staffSession(tx, claim.approverToken, now);
    if (approver?.orgId !== principal.orgId) {
      reject(
        'FORBIDDEN',
        'overuse.approverToken is no live session of a staff member of your organisation (expired, signed ' +
          'out, or someone else’s): the supervisor must sign in again and the request be sent with the new token.',
      );
    }
    grantor = approver;
  } else if (principal.kind === 'staff') {
    grantor = principal;
  } else {
    reject(
      'FORBIDDEN',
      `A terminal’s device token cannot grant an overuse, and grantedBy alone is no proof: ${HOW}.`,
    );
  }
  if (!grantor.permissions.has('overuse.grant')) {
    reject(
      'FORBIDDEN',
      claim.approverToken !== undefined
        ? 'The staff member whose overuse.approverToken was sent may not grant overuse: ask a supervisor.'
        : `Your role may not grant overuse, and grantedBy alone is no proof: ${HOW}.`,
    );
  }
  if (claim.grantedBy !== undefined && claim.grantedBy !== grantor.staffId) {
    reject(
      'FORBIDDEN',
      'overuse.grantedBy names someone other than the supervisor who proved the grant: leave grantedBy out ' +
        '(the server records the supervisor who authenticated) or send that supervisor’s own approverToken.',
    );
  }
  return { staffId: grantor.staffId, roleId: grantor.roleId };
}
