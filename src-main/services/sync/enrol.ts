import { err, ok, type Result } from '../../../shared/result';
import { parseEnrolmentInput, sameServer } from '../../../shared/sync/enrolment-link';
import { registerResponseSchema } from '../../../shared/sync/protocol';
import { voidAllLeases } from '../../db/repos/lease-repo';
import { getSyncState, hasOutbox, saveEnrolment } from '../../db/repos/sync-repo';
import type { SyncContext } from './context';
import { newSigningKey } from './signing-key';
import { NETWORK_FAILURE, serverMessage } from './transport';

/**
 * The code to send, from what was typed, pasted or scanned: a bare code, or an enrolment link that must
 * name the server this terminal syncs with (it cannot switch servers by enrolling; that is its start-up
 * setting, POS_SERVER_URL). `serverUrl` unknown (a test transport): the link's server is not compared.
 */
function codeOf(ctx: SyncContext, input: string, serverUrl: string | undefined): Result<string> {
  const parsed = parseEnrolmentInput(input);
  if (!parsed.ok) return err('ENROL_BAD_INPUT', ctx.t('ENROL_BAD_INPUT'));
  if (parsed.serverUrl !== null && serverUrl !== undefined && !sameServer(parsed.serverUrl, serverUrl))
    return err('ENROL_OTHER_SERVER', ctx.t('ENROL_OTHER_SERVER', { link: parsed.serverUrl, own: serverUrl }));
  return ok(parsed.code);
}

/**
 * Registers this terminal with the server. A fresh terminal gets a new identity; one the server
 * caught restored from a backup asks again under its old terminal id, gets a new epoch, and pushes
 * its whole outbox again from seq 1 (the server acknowledges what it holds as duplicates).
 */
export async function enrol(
  ctx: SyncContext,
  input: { enrolmentCode: string; name: string },
  serverUrl?: string,
): Promise<Result<{ terminalId: string; epoch: number; again: boolean }>> {
  const { db, t } = ctx;
  const code = codeOf(ctx, input.enrolmentCode, serverUrl);
  if (!code.ok) return code;
  const before = getSyncState(db);
  if (before?.state === 'enrolled')
    return err('ALREADY_ENROLLED', t('ENROL_ALREADY', { name: before.terminalName }));
  // Enrolment replaces the catalogue, staff and codes: nothing recorded may point at the old ones.
  if (!before && hasOutbox(db)) return err('ENROL_NOT_FRESH', t('ENROL_NOT_FRESH'));
  // Every enrolment (a re-registration too) gets a new key to sign approvals with (docs/SECURITY.md).
  const key = newSigningKey();
  const answer = await ctx.send({
    method: 'POST',
    path: '/v1/terminals/register',
    body: {
      enrolmentCode: code.value,
      name: input.name.trim(),
      signingKey: key.publicKey,
      ...(before ? { terminalId: before.terminalId } : {}),
    },
  });
  if (answer.status === NETWORK_FAILURE) return err('SERVER_UNREACHABLE', t('SYNC_UNREACHABLE'));
  if (answer.status !== 200 && answer.status !== 201)
    return err(
      'ENROL_REFUSED',
      t('ENROL_REFUSED', { detail: serverMessage(answer.body) ?? `status ${answer.status}.` }),
    );
  const parsed = registerResponseSchema.safeParse(answer.body);
  if (!parsed.success)
    return err('ENROL_REFUSED', t('ENROL_REFUSED', { detail: 'its answer could not be read.' }));
  const r = parsed.data;
  const at = new Date(ctx.clock.now()).toISOString();
  // The secrets first: a crash before the enrolment is saved leaves secrets without an enrolment
  // (enrolling again replaces them), never an enrolment without its token and key.
  ctx.saveDeviceToken(r.deviceToken);
  ctx.saveSigningKey(key.privateKey);
  db.transaction(() => {
    voidAllLeases(db, at);
    saveEnrolment(db, {
      terminalId: r.terminalId,
      terminalName: input.name.trim(),
      epoch: r.epoch,
      venueId: r.venueId,
      at,
      clock: ctx.clock.now(),
    });
  })();
  ctx.changed();
  return ok({ terminalId: r.terminalId, epoch: r.epoch, again: before !== undefined });
}
