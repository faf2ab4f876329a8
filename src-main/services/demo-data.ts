import { BUILT_IN_ROLES, type RoleDefinition } from '../../shared/auth/permissions';
import type { CodeRecord } from '../../shared/codes/types';
import type { Benefit, Rules } from '../../shared/discounts';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { upsertCatalogue } from '../db/repos/catalogue-repo';
import { countCodes, upsertCode } from '../db/repos/code-repo';
import { upsertRole, upsertStaff } from '../db/repos/staff-repo';
import { hashPolicyPin } from './pin';

// A small theatre so an empty terminal can be tried at once. Ids are fixed so tests and the README can
// name them; performance times are relative to the clock so the demo never goes stale.

export const DEMO_STAFF = [
  // PINs follow shared/auth/pin-policy.ts like any other: no patterns, 6 digits for the manager.
  { id: 'staff-sam', name: 'Sam Seller', roleId: 'seller', pin: '4826' },
  { id: 'staff-sue', name: 'Sue Supervisor', roleId: 'supervisor', pin: '5937' },
  { id: 'staff-max', name: 'Max Manager', roleId: 'manager', pin: '640273' },
] as const;

export const DEMO_IDS = {
  venue: 'venue-demo',
  events: { hamlet: 'event-hamlet', jazz: 'event-jazz', panto: 'event-panto' },
  types: { adult: 'tt-adult', child: 'tt-child', concession: 'tt-concession' },
  bands: { stalls: 'band-stalls', circle: 'band-circle', gallery: 'band-gallery' },
} as const;

/** Unambiguous alphabet for generated child codes: no 0/O, 1/I/L. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function childSuffix(index: number): string {
  // Deterministic so the demo is the same on every terminal; mixes the index so neighbours differ.
  let n = ((index + 1) * 2654435761) % 887503681;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length) + index * 7 + i;
  }
  return out;
}

export async function seedDemoData(db: Db, clock: Clock): Promise<{ codes: number }> {
  const roleOf = (id: string) => BUILT_IN_ROLES.find((r) => r.id === id) as RoleDefinition;
  const hashes = await Promise.all(DEMO_STAFF.map((s) => hashPolicyPin(s.pin, roleOf(s.roleId))));
  const now = clock.now();
  const at = (hours: number) => new Date(now + hours * 3_600_000).toISOString();
  const iso = new Date(now).toISOString();
  const { events, types, bands } = DEMO_IDS;
  const suffixes = Object.values(events).map((id) => id.replace('event-', ''));
  const perEvent = (prefix: string, by: 'item' | 'priceBand') =>
    suffixes.map((s) => ({ by, id: `${prefix}-${s}` }));

  const codes: CodeRecord[] = [];
  const code = (
    id: string,
    text: string,
    name: string,
    description: string,
    benefit: Benefit,
    rules: Rules = {},
    extra: Partial<CodeRecord> = {},
  ) =>
    codes.push({
      id,
      code: text,
      name,
      description,
      status: 'active',
      benefit,
      rules,
      version: 1,
      parentId: null,
      offlinePolicy: rules.maxUses !== undefined && rules.maxUses <= 1 ? 'deny' : 'best_effort',
      createdAt: iso,
      updatedAt: iso,
      ...extra,
    });

  code('code-summer20', 'SUMMER20', 'Summer 20 %', '20 % off the whole order', {
    type: 'percentage',
    percent: 2000,
  });
  code(
    'code-tenoff',
    'TENOFF',
    '10.00 off',
    '10.00 off orders of 30.00 or more',
    { type: 'fixed_order', amount: 1000 },
    { minSpend: 3000 },
  );
  code(
    'code-bogo',
    'BOGO',
    'Buy one, get one free',
    'Every second ticket free',
    {
      type: 'buy_x_get_y',
      buy: { qty: 1 },
      get: { qty: 1 },
      percent: 10000,
    },
    { targets: [{ by: 'kind', id: 'ticket' }] },
  );
  code(
    'code-family',
    'FAMILY',
    'Family: 2 adults + child half price',
    'Buy 2 adult tickets, get a child ticket at 50 %',
    {
      type: 'buy_x_get_y',
      buy: { targets: perEvent(types.adult, 'item'), qty: 2 },
      get: { targets: perEvent(types.child, 'item'), qty: 1 },
      percent: 5000,
    },
    { sameEvent: true },
  );
  code(
    'code-staff50',
    'STAFF50',
    'Staff 50 %',
    'Half price for staff; supervisors and managers only',
    { type: 'percentage', percent: 5000 },
    {
      boxOffice: { visible: true, roles: ['supervisor', 'manager'] },
    },
  );
  code(
    'code-welcome5',
    'WELCOME5',
    'Welcome 5.00',
    '5.00 off orders of 50.00 or more, applied automatically',
    { type: 'fixed_order', amount: 500 },
    { minSpend: 5000 },
    {
      autoApply: { priority: 1 },
    },
  );
  code(
    'code-limited',
    'LIMITED',
    'Limited 15 %',
    '15 % off, only 3 orders in total',
    { type: 'percentage', percent: 1500 },
    { maxUses: 3 },
  );
  code('code-stalls', 'STALLS25', 'Stalls at 25.00', 'Any stalls seat for 25.00', {
    type: 'specific_price',
    prices: perEvent(bands.stalls, 'priceBand').map((target) => ({ target, unitPrice: 2500 })),
  });
  code(
    'code-merch15',
    'MERCH15',
    'Merchandise 15 %',
    '15 % off merchandise',
    { type: 'percentage', percent: 1500 },
    {
      targets: [{ by: 'kind', id: 'merch' }],
    },
  );
  code(
    'code-online',
    'WEBONLY',
    'Web shop only',
    'Online channel only; never offered at the box office',
    { type: 'percentage', percent: 1000 },
    {
      channels: ['online'],
    },
  );
  code(
    'code-group',
    'GROUP10',
    'Groups of 10+',
    '10 % off for groups of ten or more',
    { type: 'percentage', percent: 1000 },
    { minGroupSize: 10 },
  );

  const school: Rules = { targets: [{ by: 'event', id: events.panto }], maxUses: 1 };
  const schoolBenefit: Benefit = { type: 'percentage', percent: 2500 };
  code(
    'code-school',
    'SCHOOL',
    'School visits (parent)',
    'Template for the single-use school codes',
    schoolBenefit,
    school,
    {
      isParent: true,
    },
  );
  for (let i = 0; i < 900; i++) {
    code(
      `code-school-${i}`,
      `SCHOOL-${childSuffix(i)}`,
      'School visit',
      'Single-use school visit code, 25 % off the pantomime',
      schoolBenefit,
      school,
      {
        parentId: 'code-school',
        offlinePolicy: 'deny',
      },
    );
  }
  const kinds: Benefit[] = [
    { type: 'percentage', percent: 500 },
    { type: 'fixed_per_item', amount: 200 },
    { type: 'fixed_order', amount: 300 },
  ];
  for (let i = 1; codes.length < 1000; i++) {
    const n = String(i).padStart(3, '0');
    code(
      `code-promo-${n}`,
      `PROMO${n}`,
      `Promotion ${n}`,
      `Partner promotion number ${n}`,
      kinds[i % kinds.length] as Benefit,
    );
  }

  db.transaction(() => {
    upsertCatalogue(db, 'venues', [
      { id: DEMO_IDS.venue, name: 'Demo Theatre', currency: 'EUR', timezone: 'Europe/Berlin' },
    ]);
    upsertCatalogue(db, 'events', [
      {
        id: events.hamlet,
        venueId: DEMO_IDS.venue,
        name: 'Hamlet',
        description: 'Shakespeare in the round',
        category: 'drama',
      },
      {
        id: events.jazz,
        venueId: DEMO_IDS.venue,
        name: 'Late Night Jazz',
        description: 'Quartet in the studio',
        category: 'music',
      },
      {
        id: events.panto,
        venueId: DEMO_IDS.venue,
        name: 'Cinderella',
        description: 'The family pantomime',
        category: 'family',
      },
    ]);
    upsertCatalogue(db, 'performances', [
      { id: 'perf-hamlet-1', eventId: events.hamlet, startsAt: at(6), capacity: 400, status: 'on_sale' },
      { id: 'perf-hamlet-2', eventId: events.hamlet, startsAt: at(30), capacity: 400, status: 'on_sale' },
      { id: 'perf-jazz-1', eventId: events.jazz, startsAt: at(8), capacity: 80, status: 'on_sale' },
      { id: 'perf-panto-1', eventId: events.panto, startsAt: at(26), capacity: 600, status: 'on_sale' },
      { id: 'perf-panto-2', eventId: events.panto, startsAt: at(170), capacity: 600, status: 'on_sale' },
    ]);
    for (const suffix of suffixes) {
      const eventId = `event-${suffix}`;
      upsertCatalogue(db, 'price_bands', [
        { id: `${bands.stalls}-${suffix}`, eventId, name: 'Stalls' },
        { id: `${bands.circle}-${suffix}`, eventId, name: 'Circle' },
      ]);
      upsertCatalogue(db, 'ticket_types', [
        { id: `${types.adult}-${suffix}`, eventId, name: 'Adult' },
        { id: `${types.child}-${suffix}`, eventId, name: 'Child' },
        { id: `${types.concession}-${suffix}`, eventId, name: 'Concession' },
      ]);
      const base = { hamlet: 4500, jazz: 2500, panto: 3000 }[suffix] ?? 3000;
      const prices = [
        ['adult', 'stalls', base],
        ['adult', 'circle', base - 1000],
        ['child', 'stalls', Math.round(base / 2)],
        ['child', 'circle', Math.round((base - 1000) / 2)],
        ['concession', 'stalls', base - 1000],
        ['concession', 'circle', base - 1500],
      ] as const;
      upsertCatalogue(
        db,
        'ticket_prices',
        prices.map(([type, band, unitPrice]) => ({
          id: `price-${suffix}-${type}-${band}`,
          eventId,
          performanceId: null,
          ticketTypeId: `tt-${type}-${suffix}`,
          priceBandId: `band-${band}-${suffix}`,
          unitPrice,
          vatRate: 700,
        })),
      );
    }
    upsertCatalogue(db, 'products', [
      {
        id: 'prod-programme',
        kind: 'addon',
        name: 'Programme',
        unitPrice: 500,
        vatRate: 700,
        category: 'print',
        inventoryItemId: 'inv-programme',
        eventId: null,
      },
      {
        id: 'prod-interval-drink',
        kind: 'addon',
        name: 'Interval drink',
        unitPrice: 650,
        vatRate: 1900,
        category: 'bar',
        inventoryItemId: null,
        eventId: null,
      },
      {
        id: 'prod-tshirt',
        kind: 'merch',
        name: 'Theatre T-shirt',
        unitPrice: 2500,
        vatRate: 1900,
        category: 'apparel',
        inventoryItemId: 'inv-tshirt',
        eventId: null,
      },
      {
        id: 'prod-booking-fee',
        kind: 'fee',
        name: 'Booking fee',
        unitPrice: 150,
        vatRate: 1900,
        category: null,
        inventoryItemId: null,
        eventId: null,
      },
    ]);
    for (const role of BUILT_IN_ROLES) upsertRole(db, role);
    DEMO_STAFF.forEach((s, i) =>
      upsertStaff(db, {
        id: s.id,
        name: s.name,
        roleId: s.roleId,
        pinHash: hashes[i] as string,
        active: true,
      }),
    );
    for (const record of codes) upsertCode(db, record);
  })();
  return { codes: countCodes(db) };
}
