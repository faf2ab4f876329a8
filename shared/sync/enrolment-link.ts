// The enrolment link: everything a terminal needs to enrol, in one line a manager copies or a terminal
// scans from the back office's QR code. Defined once here; the back office builds it, the terminal's
// enrolment (src-main/services/sync/enrol.ts) parses it.
//
//   <server URL>/enrol#<enrolment code>      e.g. https://pos.example.org/enrol#ABCD-EFGH-JKLM
//
// An ordinary web address so it reads as one, the server's address in plain sight for the person
// enrolling. The code rides in the fragment, which a browser never sends: a link opened by mistake
// does not put the one-time code into any server's or proxy's access log.

export const ENROLMENT_LINK_PATH = '/enrol';

/** A bare code is at most this long (the register request's limit); a link at most the next. */
export const ENROLMENT_CODE_MAX = 40;
export const ENROLMENT_INPUT_MAX = 500;

const CODE = /^[A-Za-z0-9-]{1,40}$/;
const LINK = /^(https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?)\/enrol\/?#([^\s]*)$/i;

export type EnrolmentInput =
  | {
      ok: true;
      code: string;
      /** null: a bare code, for the server the terminal already knows. */ serverUrl: string | null;
    }
  | { ok: false; reason: 'EMPTY' | 'NOT_ENROLMENT_LINK' | 'BAD_CODE' };

const normaliseCode = (code: string) => code.trim().toUpperCase();

/** Drops trailing slashes: `https://pos.example.org/` and `https://pos.example.org` are one server. */
function trimUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

export function buildEnrolmentLink(serverUrl: string, code: string): string {
  return `${trimUrl(serverUrl)}${ENROLMENT_LINK_PATH}#${normaliseCode(code)}`;
}

/**
 * What someone typed, pasted or scanned into a terminal's enrolment field: a link (server and code) or
 * a bare code as the server issued it (older instructions, or read aloud).
 */
export function parseEnrolmentInput(input: string): EnrolmentInput {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'EMPTY' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const match = LINK.exec(text);
    if (!match) return { ok: false, reason: 'NOT_ENROLMENT_LINK' };
    const code = normaliseCode(match[2] ?? '');
    if (!CODE.test(code)) return { ok: false, reason: 'BAD_CODE' };
    return { ok: true, code, serverUrl: trimUrl(match[1] ?? '') };
  }
  const code = normaliseCode(text);
  if (code.length > ENROLMENT_CODE_MAX) return { ok: false, reason: 'BAD_CODE' };
  return { ok: true, code, serverUrl: null };
}

/** Scheme and host in lower case, the default port and trailing slashes dropped. */
function canonicalServer(url: string): string {
  const match = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(trimUrl(url.trim()));
  if (!match) return trimUrl(url.trim());
  const scheme = (match[1] ?? '').toLowerCase();
  let host = (match[2] ?? '').toLowerCase();
  if ((scheme === 'http' && host.endsWith(':80')) || (scheme === 'https' && host.endsWith(':443')))
    host = host.slice(0, host.lastIndexOf(':'));
  return `${scheme}://${host}${match[3] ?? ''}`;
}

/** Whether two server addresses name the same server, as a terminal compares a link with its own. */
export function sameServer(a: string, b: string): boolean {
  return canonicalServer(a) === canonicalServer(b);
}
