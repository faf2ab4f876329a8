import { OFFLINE_CUSTOMER_DAYS, customerSearchTerms } from '../../../shared/customers/offline';
import type { Customer } from '../../../shared/customers/schema';
import type {
  CustomerDetailView,
  CustomerHit,
  CustomerSearchView,
} from '../../../shared/ipc/domains/customers';
import type { CartView, CustomerInput } from '../../../shared/ipc/domains/sell';
import { ok, type Result } from '../../../shared/result';
import { isoNow, type Clock } from '../../clock';
import type { Db } from '../../db/connection';
import {
  codesWithCustomerLimits,
  getLocalCustomer,
  insertCreatedCustomer,
  localCustomerByEmail,
  searchLocalCustomers,
  uncountedSales,
  type LocalCustomer,
} from '../../db/repos/customer-repo';
import { appendOutbox } from '../../db/repos/outbox-repo';
import { newId } from '../../ids';
import { fail, type Translate } from '../../messages';
import type { CartService, CustomerFacts } from '../cart-service';
import type { AskServer } from '../door/server-door';
import type { Actor } from '../staff-service';
import { serverCustomers } from './server-customers';

// The customer picker at the till (docs/CUSTOMERS.md "At the terminal"). Online, the server's store
// answers searches, creates and counts; offline (or not enrolled, or when the server does not answer
// in time) the subset this terminal holds does, and says so. The cart's customer figures (orders,
// groups, per-customer code uses) are set here from the store, never taken from the renderer.

const SEARCH_LIMIT = 20;
/** The server counts at most 50 codes at once (GET /v1/customers/:id/counts). */
const MAX_COUNTED_CODES = 50;
const HISTORY_ORDERS = 5;
const DAY_MS = 86_400_000;

export interface NewCustomer {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  emailConsent?: boolean | undefined;
}

const hit = (c: Pick<Customer, 'id' | 'name' | 'email' | 'phone' | 'emailConsent'>): CustomerHit => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  emailConsent: c.emailConsent,
});

/** The cart's customer: their record and the figures the engine takes, both from the store. */
function cartCustomer(
  c: Pick<Customer, 'id' | 'name' | 'email' | 'phone' | 'emailConsent'>,
  priorOrders: number,
  groups: string[],
): CustomerInput {
  return {
    id: c.id,
    name: c.name,
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    emailConsent: c.emailConsent && c.email !== null,
    priorOrders,
    groups,
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;

export function createCustomerService(deps: {
  db: Db;
  clock: Clock;
  t: Translate;
  terminalId: () => string;
  ask: AskServer;
  enrolled: () => boolean;
  /** Whether the server answered lately: when not, the picker does not wait for a timeout first. */
  serverLikelyUp: () => boolean;
  cart: CartService;
  afterWrite: () => void;
}) {
  const { db, clock, t, cart } = deps;
  const server = serverCustomers(deps.ask);
  const online = () => deps.enrolled() && deps.serverLikelyUp();
  const offlineNotice = () => t(deps.enrolled() ? 'CUSTOMERS_OFFLINE' : 'CUSTOMERS_STANDALONE');

  /** The server's record and counts for the cart; undefined when it did not answer both. */
  const fromServer = async (
    id: string,
  ): Promise<Result<{ customer: CustomerInput; facts: CustomerFacts }> | undefined> => {
    const manual = cart.manualCodeId();
    const codeIds = [
      ...new Set([...(manual ? [manual] : []), ...codesWithCustomerLimits(db, MAX_COUNTED_CODES)]),
    ].slice(0, MAX_COUNTED_CODES);
    const [record, counts] = await Promise.all([server.get(id), server.counts(id, codeIds)]);
    if (record && !record.ok && record.reason === 'NOT_FOUND') return fail(t, 'CUSTOMER_UNKNOWN');
    if (!record?.ok || !counts?.ok) return undefined;
    const countedAt = isoNow(clock);
    const prior = counts.value.completedOrders + uncountedSales(db, id, countedAt);
    return ok({
      customer: cartCustomer(record.value, prior, counts.value.groups),
      facts: { source: 'server', usage: counts.value.usage, countedAt },
    });
  };

  /** The figures this terminal holds: the pulled counts plus the sales here not counted in them. */
  const fromHere = (local: LocalCustomer) => ({
    customer: cartCustomer(
      local,
      local.completedOrders +
        uncountedSales(db, local.id, local.origin === 'pulled' ? local.updatedAt : null),
      local.groups,
    ),
    facts: { source: 'local', usage: null, countedAt: null } satisfies CustomerFacts,
  });

  const attach = async (actor: Actor, customerId: string): Promise<Result<CartView>> => {
    const answered = online() ? await fromServer(customerId) : undefined;
    if (answered && !answered.ok && !getLocalCustomer(db, customerId)) return answered;
    if (answered?.ok) return ok(cart.setCustomer(actor, answered.value.customer, answered.value.facts));
    const local = getLocalCustomer(db, customerId);
    if (!local) return fail(t, online() ? 'CUSTOMER_UNKNOWN' : 'CUSTOMER_NOT_HERE');
    const here = fromHere(local);
    return ok(cart.setCustomer(actor, here.customer, here.facts));
  };

  /** Offline: stored here and pushed as a customer.create the server applies once (by its id). */
  const createHere = (actor: Actor, input: Required<NewCustomer>): Result<CartView> => {
    const email = input.email || null;
    const holder = email ? localCustomerByEmail(db, email) : undefined;
    if (holder) return fail(t, 'CUSTOMER_DUPLICATE_EMAIL', { name: holder.name, email: email ?? '' });
    const id = newId();
    const at = isoNow(clock);
    const record = {
      id,
      name: input.name,
      email,
      phone: input.phone || null,
      emailConsent: input.emailConsent,
    };
    db.transaction(() => {
      insertCreatedCustomer(db, record, at);
      appendOutbox(db, {
        mutationId: newId(),
        type: 'customer.create',
        payload: {
          terminalId: deps.terminalId(),
          customerId: id,
          name: record.name,
          email: record.email,
          phone: record.phone,
          emailConsent: record.emailConsent,
          createdAt: at,
        },
        createdAt: at,
      });
    })();
    deps.afterWrite();
    const here = fromHere(getLocalCustomer(db, id) as LocalCustomer);
    return ok(cart.setCustomer(actor, here.customer, here.facts));
  };

  return {
    async search(q: string): Promise<Result<CustomerSearchView>> {
      if (online()) {
        const answer = await server.search(q, SEARCH_LIMIT);
        if (answer?.ok) return ok({ source: 'server', items: answer.value.items.map(hit), notice: null });
      }
      const terms = customerSearchTerms(q);
      const since = new Date(clock.now() - OFFLINE_CUSTOMER_DAYS * DAY_MS).toISOString();
      const items = terms ? searchLocalCustomers(db, terms, since, SEARCH_LIMIT).map(hit) : [];
      return ok({ source: 'local', items, notice: offlineNotice() });
    },

    attach,

    async create(actor: Actor, input: NewCustomer): Promise<Result<CartView>> {
      const fields = {
        name: input.name,
        email: input.email ?? '',
        phone: input.phone ?? '',
        emailConsent: input.emailConsent ?? false,
      };
      if (fields.emailConsent && !fields.email) return fail(t, 'CUSTOMER_CONSENT_NEEDS_EMAIL');
      if (online()) {
        const answer = await server.create({
          name: fields.name,
          email: fields.email || null,
          phone: fields.phone || null,
          emailConsent: fields.emailConsent,
        });
        if (answer?.ok) return attach(actor, answer.value.id);
        if (answer) return fail(t, 'CUSTOMER_SERVER_REFUSED', { message: answer.message });
      }
      return createHere(actor, fields);
    },

    /**
     * Before a checkout: the server's counts read again, so a use at another terminal since the attach
     * counts (docs/CUSTOMERS.md). Offline, or when the server does not answer, the figures held stay.
     */
    async refresh(): Promise<void> {
      const attached = cart.customer();
      if (!attached || attached.source === null || !online()) return;
      const answered = await fromServer(attached.id);
      if (answered?.ok && cart.customer()?.id === attached.id)
        cart.refreshCustomer(answered.value.customer, answered.value.facts);
    },

    /**
     * A customer typed by hand (no store record): the figures sent are ignored. A customer this
     * terminal holds gets the held figures; anyone else their completed sales here and no groups.
     */
    typed(actor: Actor, input: Omit<CustomerInput, 'priorOrders' | 'groups'> | null): CartView {
      if (!input) return cart.setCustomer(actor, null);
      const local = getLocalCustomer(db, input.id);
      if (local) {
        const here = fromHere(local);
        return cart.setCustomer(actor, here.customer, here.facts);
      }
      const { id, name, email, phone, emailConsent } = input;
      const customer = {
        id,
        name,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        ...(emailConsent !== undefined ? { emailConsent } : {}),
        priorOrders: uncountedSales(db, id, null),
        groups: [],
      };
      return cart.setCustomer(actor, customer, null);
    },

    async detail(customerId: string): Promise<Result<CustomerDetailView>> {
      if (online()) {
        const [orders, codes, counts] = await Promise.all([
          server.orders(customerId, HISTORY_ORDERS),
          server.codes(customerId),
          server.counts(customerId, []),
        ]);
        if (orders?.ok && codes?.ok && counts?.ok) {
          return ok({
            customerId,
            source: 'server',
            completedOrders: counts.value.completedOrders + uncountedSales(db, customerId, isoNow(clock)),
            orders: orders.value.rows.map((r) => ({
              orderId: r.orderId,
              at: r.at,
              total: r.total,
              currency: r.currency,
              status: r.status,
            })),
            codes: codes.value,
            notice: null,
          });
        }
        if (counts && !counts.ok && counts.reason === 'NOT_FOUND') return fail(t, 'CUSTOMER_UNKNOWN');
      }
      const local = getLocalCustomer(db, customerId);
      const completedOrders = local
        ? fromHere(local).customer.priorOrders
        : uncountedSales(db, customerId, null);
      return ok({
        customerId,
        source: 'local',
        completedOrders,
        orders: null,
        codes: null,
        notice: t('CUSTOMER_HISTORY_OFFLINE'),
      });
    },
  };
}
