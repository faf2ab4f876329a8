import { movementPermission } from '../../shared/cash/movements';
import type { Permission } from '../../shared/auth/permissions';
import { channels as c, type ChannelName } from '../../shared/ipc/channels';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { Actor } from '../../shared/ipc/domains/staff';
import { ok, type Result } from '../../shared/result';
import { fail, type MessageKey, type Translate } from '../messages';
import type { StaffService } from '../services/staff-service';

/**
 * Who may call a channel. The renderer is untrusted (any page that reaches the host can send any
 * channel), so every channel's rule is declared here, once, and the dispatcher enforces it before a
 * handler runs: a handler cannot forget its check.
 *
 * - `public`: anyone at the terminal, signed in or not. Only what the sign-in screen itself needs, or
 *   what ends or locks a session (which only ever takes access away).
 * - `signedIn`: any signed-in, unlocked staff member.
 * - `permission`: a signed-in, unlocked staff member holding one of `anyOf`; `also` can demand one more
 *   permission depending on the parsed request (with `doing`, the words a refusal uses for what was
 *   asked, where the permission's own words would not tell staff what they did), and `standaloneOnly` refuses (with that message) on a
 *   terminal enrolled with a server.
 * - `firstRun` on a permission rule: also open to no one signed in while the terminal is brand new (never
 *   enrolled, no staff at all), with the reason. Such a terminal has nobody who could sign in, so the
 *   one-time code a manager issued on the server must be enough to enrol it; once it holds staff or is
 *   enrolled the permission applies again.
 */
export type AccessRule<C extends ChannelName = ChannelName> =
  | { readonly kind: 'public'; readonly why: string }
  | { readonly kind: 'signedIn' }
  | {
      readonly kind: 'permission';
      readonly anyOf: readonly [Permission, ...Permission[]];
      also?(
        request: ParsedRequestOf<C>,
      ): Permission | { permission: Permission; doing: MessageKey } | undefined;
      readonly standaloneOnly?: MessageKey;
      /** What a refusal says the actor may not do, when not the permission's own words. */
      readonly doing?: MessageKey;
      /** Why the channel is open on a brand-new terminal (see above). */
      readonly firstRun?: string;
    };

export type AccessTable = { readonly [C in ChannelName]: AccessRule<C> };

const publicBecause = (why: string) => ({ kind: 'public', why }) as const;
const signedIn = { kind: 'signedIn' } as const;
const need = <P extends Permission>(permission: P) => ({ kind: 'permission', anyOf: [permission] }) as const;

const sell = need('sell');
const shiftClose = need('shift.close');
const codes = need('codes.manage');
const reports = need('reports.view');
const door = need('tickets.check');
/** The manager screens' server session is for anyone who will use one of those screens. */
const manager = { kind: 'permission', anyOf: ['codes.manage', 'reports.view'] } as const;

export const accessRules = {
  [c.system.status]: publicBecause('the status screen is shown before anyone signs in'),
  // The demo seeds staff with well-known PINs: only a manager may, and never on an enrolled terminal.
  [c.system.loadDemo]: { kind: 'permission', anyOf: ['staff.manage'], standaloneOnly: 'DEMO_ENROLLED' },
  [c.settings.get]: publicBecause('the screen language is needed before anyone signs in'),
  // The only terminal setting is the display language (its schema refuses every other key, and a test
  // pins that): whoever stands at the terminal may read the screen in their language. A setting with
  // any effect beyond the display needs its own channel and rule.
  [c.settings.update]: publicBecause('it only switches the display language, also on the sign-in screen'),

  // The sign-in screen lists who may sign in (id to sign in with, name and role name to show; never PIN
  // hashes or permissions): anyone at the terminal sees that screen anyway.
  [c.staff.list]: publicBecause('the sign-in screen lists the names to pick from'),
  [c.staff.session]: publicBecause('the renderer must learn whether anyone is signed in'),
  [c.staff.signIn]: publicBecause('the PIN, with lockout, is the check'),
  [c.staff.signOut]: publicBecause('it only ends a session, also a locked one'),
  [c.staff.lock]: publicBecause('it only locks a session'),
  [c.staff.unlock]: publicBecause('a locked session is unlocked by its own PIN, with lockout'),

  [c.catalogue.events]: sell,
  [c.catalogue.performance]: sell,

  [c.cart.get]: sell,
  [c.cart.addTicket]: sell,
  [c.cart.addProduct]: sell,
  [c.cart.addVoucher]: sell,
  // docs/CASH.md "The balance at the window": anyone signed in may tell a customer what is left.
  [c.vouchers.check]: signedIn,
  [c.cart.setQty]: sell,
  [c.cart.clear]: sell,
  [c.cart.setCustomer]: sell,
  [c.cart.applyCode]: sell,
  [c.cart.removeCode]: sell,
  // The seller asks; the approver's PIN and their overuse.grant are checked by the cart service.
  [c.cart.grantOveruse]: sell,
  [c.cart.setCustomDiscount]: need('discount.custom'),
  [c.cart.removeCustomDiscount]: sell,
  [c.codes.search]: sell,
  // The seller asks; sale.comp, or the approver's PIN and their sale.comp, is checked by the cart
  // service (docs/CASH.md "Comps").
  [c.cart.comp]: sell,
  [c.cart.removeComp]: sell,
  // A complimentary tender finishes only an order comped whole, each comp checked when it was made.
  [c.checkout.complete]: sell,

  [c.sales.find]: sell,
  // Paying back another way than the sale was paid takes a supervisor.
  [c.sales.refund]: {
    kind: 'permission',
    anyOf: ['refund'],
    also: (r: ParsedRequestOf<typeof c.sales.refund>) =>
      r.override ? { permission: 'custom.approve', doing: 'ACTION_REFUND_OVERRIDE' } : undefined,
  },
  [c.sales.void]: need('void'),
  // Another terminal's sale (docs/ORDERS.md "Refunds at another window"): the same rules as this one's.
  [c.sales.order]: { kind: 'permission', anyOf: ['refund', 'void'] },
  [c.sales.refundElsewhere]: {
    kind: 'permission',
    anyOf: ['refund'],
    also: (r: ParsedRequestOf<typeof c.sales.refundElsewhere>) =>
      r.override ? { permission: 'custom.approve', doing: 'ACTION_REFUND_OVERRIDE' } : undefined,
  },
  [c.sales.voidElsewhere]: need('void'),
  // An exchange refunds and sells (docs/ORDERS.md "Exchanges"): the refund's permission, and selling.
  // Its refund pays back only the way the sale was paid: there is no tender override to approve.
  [c.sales.exchangePreview]: { kind: 'permission', anyOf: ['refund'], also: () => 'sell' },
  [c.sales.exchange]: { kind: 'permission', anyOf: ['refund'], also: () => 'sell' },
  // E-mailing a receipt or the tickets at the customer's request: whoever may print them at the window.
  [c.sales.email]: sell,
  // Anyone who sells may hand a customer a new ticket for a lost one (the old barcode stops working);
  // printing the same barcode again makes two good copies, so that is a supervisor's decision.
  [c.tickets.reprint]: {
    kind: 'permission',
    anyOf: ['sell'],
    also: (r: ParsedRequestOf<typeof c.tickets.reprint>) =>
      r.mode === 'same_barcode' ? 'tickets.duplicate' : undefined,
  },

  [c.shift.current]: sell,
  [c.shift.open]: sell,
  [c.shift.close]: shiftClose,
  [c.shift.report]: shiftClose,
  // docs/CASH.md: the permission the request's kind needs (movementPermission).
  [c.cash.move]: {
    kind: 'permission',
    anyOf: ['cash.move', 'drawer.open'],
    also: (r: ParsedRequestOf<typeof c.cash.move>) => movementPermission(r.kind),
  },
  [c.cash.reasons]: sell,
  // Anyone signed in may see whether the terminal is in training (the banner says so anyway); switching
  // it is a manager's: training is about who practises, so the permission that manages staff decides.
  [c.training.get]: signedIn,
  [c.training.set]: need('staff.manage'),

  [c.print.receipt]: sell,
  [c.print.refund]: sell,
  [c.print.zReport]: shiftClose,
  // A Z report is for those who may close a shift; receipts for anyone who sells.
  [c.print.preview]: {
    kind: 'permission',
    anyOf: ['sell'],
    also: (r: ParsedRequestOf<typeof c.print.preview>) =>
      r.shiftId !== undefined ? 'shift.close' : undefined,
  },
  [c.print.status]: sell,
  [c.print.settingsGet]: sell,
  // A network printer's address decides where receipts (customer names included) are sent.
  [c.print.settingsUpdate]: need('catalogue.manage'),
  [c.print.test]: sell,
  // The customer's tickets, for whoever may print them at the window.
  [c.print.ticketsPdf]: sell,

  // Main checks the terminal role; the manage service then needs this staff member's own server
  // session, and the server checks its role again.
  [c.manage.session]: manager,
  [c.manage.signIn]: manager,
  [c.manage.signOut]: manager,
  [c.manage.listCodes]: codes,
  [c.manage.getCode]: codes,
  [c.manage.createCode]: codes,
  [c.manage.updateCode]: codes,
  [c.manage.setCodeStatus]: codes,
  [c.manage.deleteCode]: codes,
  [c.manage.generateChildren]: codes,
  [c.manage.generationJob]: codes,
  [c.manage.codeReport]: reports,
  [c.manage.overuseReport]: reports,
  [c.manage.exportCsv]: reports,
  [c.manage.codeVersions]: codes,
  // Picking a code's targets by name: the server admits codes.manage (or catalogue.manage) again.
  [c.manage.searchCatalogue]: codes,

  // E-mail (docs/MAIL.md): the queue's state for anyone selling; the SMTP settings decide where receipts
  // (customer names and addresses included) go and hold the server's password, so, like the printer's,
  // they are a manager's.
  [c.mail.status]: sell,
  [c.mail.settings]: need('catalogue.manage'),
  [c.mail.updateSettings]: need('catalogue.manage'),
  [c.mail.clearSettings]: need('catalogue.manage'),
  [c.mail.test]: need('catalogue.manage'),

  [c.sync.status]: signedIn,
  [c.sync.enrol]: {
    kind: 'permission',
    anyOf: ['terminals.enrol'],
    firstRun: 'a new terminal has no staff to sign in: the manager’s one-time enrolment code is the proof',
  },
  [c.sync.now]: signedIn,

  // Door mode: only staff who check tickets see the door's performances, scan and read its counts.
  [c.door.performances]: door,
  [c.door.current]: door,
  [c.door.open]: door,
  [c.door.scan]: door,
  [c.door.counts]: door,
  // The sales journal: whoever may look a sale up for a refund may search and open orders.
  [c.journal.search]: sell,
  [c.journal.open]: sell,
  // The customer picker: whoever sells finds, creates and attaches customers (docs/CUSTOMERS.md).
  [c.customers.search]: sell,
  [c.customers.create]: sell,
  [c.customers.attach]: sell,
  [c.customers.detail]: sell,

  // Reservations are selling: whoever may sell may reserve, pick up and cancel (docs/RESERVATIONS.md).
  [c.reservations.reserve]: sell,
  [c.reservations.list]: sell,
  [c.reservations.pickup]: sell,
  [c.reservations.cancel]: sell,

  // Choosing seats is selling (docs/SEATING.md "At the window"). No permission lets anyone sell a seat
  // this terminal does not hold: the seat service refuses it for everyone.
  [c.seats.map]: sell,
  [c.seats.states]: sell,
  [c.seats.pick]: sell,
  [c.seats.unpick]: sell,
  [c.seats.best]: sell,
} as const satisfies AccessTable;

/** What a handler is given: the checked actor, or nothing on a public channel (or a first run). */
export type ActorFor<C extends ChannelName> = (typeof accessRules)[C] extends { kind: 'public' }
  ? undefined
  : (typeof accessRules)[C] extends { firstRun: string }
    ? Actor | undefined
    : Actor;

/** Checks a rule's permissions against the session; `also` is the dispatcher's, after parsing. */
export type Authorize = (rule: AccessRule) => Result<Actor | undefined>;

export function createAuthorizer(deps: {
  staff: StaffService;
  enrolled: () => boolean;
  /** Whether the terminal holds no staff at all (and so nobody could sign in). */
  staffless: () => boolean;
  t: Translate;
}): Authorize {
  const { staff, enrolled, staffless, t } = deps;
  return (rule) => {
    if (rule.kind === 'public') return ok(undefined);
    if (rule.kind === 'permission' && rule.firstRun && !enrolled() && staffless()) return ok(undefined);
    if (rule.kind === 'signedIn') return staff.require();
    // Refused for the first permission named unless another one on the list is held.
    const first = staff.require(rule.anyOf[0], rule.doing && t(rule.doing));
    const actor = first.ok
      ? first
      : (rule.anyOf
          .slice(1)
          .map((p) => staff.require(p))
          .find((r) => r.ok) ?? first);
    if (!actor.ok) return actor;
    if (rule.standaloneOnly && enrolled()) return fail(t, rule.standaloneOnly);
    return actor;
  };
}
