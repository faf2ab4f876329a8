import { describe, expect, it } from 'vitest';
import {
  buildEnrolmentLink,
  ENROLMENT_INPUT_MAX,
  parseEnrolmentInput,
  sameServer,
} from '../../../../shared/sync/enrolment-link';

describe('buildEnrolmentLink', () => {
  it('puts the code in the fragment after /enrol, without a doubled slash', () => {
    expect(buildEnrolmentLink('https://pos.example.org/', 'abcd-efgh-jkmn')).toBe(
      'https://pos.example.org/enrol#ABCD-EFGH-JKMN',
    );
    expect(buildEnrolmentLink('http://10.0.0.5:8787', 'ABCD-EFGH-JKMN')).toBe(
      'http://10.0.0.5:8787/enrol#ABCD-EFGH-JKMN',
    );
  });
});

describe('parseEnrolmentInput', () => {
  it('reads back what buildEnrolmentLink made, a server under a path too', () => {
    for (const server of [
      'https://pos.example.org',
      'http://127.0.0.1:8787',
      'https://host.test/box-office',
    ]) {
      const link = buildEnrolmentLink(server, 'ABCD-EFGH-JKMN');
      expect(link.length).toBeLessThanOrEqual(ENROLMENT_INPUT_MAX);
      expect(parseEnrolmentInput(link)).toEqual({ ok: true, code: 'ABCD-EFGH-JKMN', serverUrl: server });
    }
  });

  it('takes a scanned link with surrounding spaces and a lower-case code', () => {
    expect(parseEnrolmentInput('  https://pos.example.org/enrol/#abcd-efgh-jkmn \n')).toEqual({
      ok: true,
      code: 'ABCD-EFGH-JKMN',
      serverUrl: 'https://pos.example.org',
    });
  });

  it('takes a bare code as before, for the server the terminal already has', () => {
    expect(parseEnrolmentInput(' abcd-efgh-jkmn ')).toEqual({
      ok: true,
      code: 'ABCD-EFGH-JKMN',
      serverUrl: null,
    });
  });

  it('refuses empty input, another kind of address and a link without a proper code', () => {
    expect(parseEnrolmentInput('   ')).toEqual({ ok: false, reason: 'EMPTY' });
    expect(parseEnrolmentInput('https://pos.example.org/admin/#/terminals')).toEqual({
      ok: false,
      reason: 'NOT_ENROLMENT_LINK',
    });
    expect(parseEnrolmentInput('mailto:someone@example.org')).toEqual({
      ok: false,
      reason: 'NOT_ENROLMENT_LINK',
    });
    expect(parseEnrolmentInput('https://pos.example.org/enrol#')).toEqual({ ok: false, reason: 'BAD_CODE' });
    expect(parseEnrolmentInput('https://pos.example.org/enrol#AB<script>')).toEqual({
      ok: false,
      reason: 'BAD_CODE',
    });
    expect(parseEnrolmentInput('X'.repeat(41))).toEqual({ ok: false, reason: 'BAD_CODE' });
  });
});

describe('sameServer', () => {
  it('ignores case of scheme and host, default ports and trailing slashes', () => {
    expect(sameServer('HTTPS://POS.example.org:443/', 'https://pos.example.org')).toBe(true);
    expect(sameServer('http://10.0.0.5:80', 'http://10.0.0.5')).toBe(true);
  });

  it('tells apart other hosts, ports, schemes and paths', () => {
    expect(sameServer('http://10.0.0.5:8787', 'http://10.0.0.6:8787')).toBe(false);
    expect(sameServer('http://10.0.0.5:8787', 'http://10.0.0.5:8788')).toBe(false);
    expect(sameServer('http://pos.example.org', 'https://pos.example.org')).toBe(false);
    expect(sameServer('https://host.test/a', 'https://host.test/b')).toBe(false);
  });
});
