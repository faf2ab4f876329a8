// Every IPC channel, `pos:<domain>:<verb>`. Kept free of zod so the sandboxed preload can import it
// without pulling in the schemas; the schemas and result types live in contract.ts.
export const channels = {
  system: {
    status: 'pos:system:status',
    loadDemo: 'pos:system:loadDemo',
  },
  settings: {
    get: 'pos:settings:get',
    update: 'pos:settings:update',
  },
  staff: {
    list: 'pos:staff:list',
    session: 'pos:staff:session',
    signIn: 'pos:staff:signIn',
    signOut: 'pos:staff:signOut',
    lock: 'pos:staff:lock',
    unlock: 'pos:staff:unlock',
  },
  catalogue: {
    events: 'pos:catalogue:events',
    performance: 'pos:catalogue:performance',
  },
  cart: {
    get: 'pos:cart:get',
    addTicket: 'pos:cart:addTicket',
    addProduct: 'pos:cart:addProduct',
    setQty: 'pos:cart:setQty',
    clear: 'pos:cart:clear',
    setCustomer: 'pos:cart:setCustomer',
    applyCode: 'pos:cart:applyCode',
    removeCode: 'pos:cart:removeCode',
    grantOveruse: 'pos:cart:grantOveruse',
    setCustomDiscount: 'pos:cart:setCustomDiscount',
    removeCustomDiscount: 'pos:cart:removeCustomDiscount',
    comp: 'pos:cart:comp',
    removeComp: 'pos:cart:removeComp',
    // A gift voucher of a voucher product, at its price or an open amount (docs/CASH.md "Gift vouchers").
    addVoucher: 'pos:cart:addVoucher',
  },
  // A voucher's balance at the window (docs/CASH.md "The balance at the window").
  vouchers: {
    check: 'pos:vouchers:check',
  },
  codes: {
    search: 'pos:codes:search',
  },
  // The customer store at the till (docs/CUSTOMERS.md "At the terminal").
  customers: {
    search: 'pos:customers:search',
    create: 'pos:customers:create',
    attach: 'pos:customers:attach',
    detail: 'pos:customers:detail',
  },
  checkout: {
    complete: 'pos:checkout:complete',
  },
  sales: {
    find: 'pos:sales:find',
    refund: 'pos:sales:refund',
    void: 'pos:sales:void',
    // Another terminal's sale, on the server (docs/ORDERS.md "Refunds at another window").
    order: 'pos:sales:order',
    refundElsewhere: 'pos:sales:refundElsewhere',
    voidElsewhere: 'pos:sales:voidElsewhere',
    // E-mail a sale's receipt or tickets at the customer's request (docs/MAIL.md).
    email: 'pos:sales:email',
    // Units of a sale given back for new tickets in one transaction (docs/ORDERS.md "Exchanges").
    exchangePreview: 'pos:sales:exchangePreview',
    exchange: 'pos:sales:exchange',
  },
  // Reprints of a sale's admission tickets (docs/TICKETS.md "Reprints").
  tickets: {
    reprint: 'pos:tickets:reprint',
  },
  shift: {
    current: 'pos:shift:current',
    open: 'pos:shift:open',
    close: 'pos:shift:close',
    report: 'pos:shift:report',
  },
  // Cash through the drawer without a sale, and "no sale" (docs/CASH.md).
  cash: {
    move: 'pos:cash:move',
    reasons: 'pos:cash:reasons',
  },
  // Whether this terminal is in training, and switching it (docs/CASH.md "Training mode").
  training: {
    get: 'pos:training:get',
    set: 'pos:training:set',
  },
  print: {
    receipt: 'pos:print:receipt',
    refund: 'pos:print:refund',
    zReport: 'pos:print:zReport',
    preview: 'pos:print:preview',
    status: 'pos:print:status',
    settingsGet: 'pos:print:settingsGet',
    settingsUpdate: 'pos:print:settingsUpdate',
    test: 'pos:print:test',
    ticketsPdf: 'pos:print:ticketsPdf',
  },
  // Manager screens: main relays them to the central server's admin API with its own server session.
  manage: {
    session: 'pos:manage:session',
    signIn: 'pos:manage:signIn',
    signOut: 'pos:manage:signOut',
    listCodes: 'pos:manage:listCodes',
    getCode: 'pos:manage:getCode',
    createCode: 'pos:manage:createCode',
    updateCode: 'pos:manage:updateCode',
    setCodeStatus: 'pos:manage:setCodeStatus',
    deleteCode: 'pos:manage:deleteCode',
    generateChildren: 'pos:manage:generateChildren',
    generationJob: 'pos:manage:generationJob',
    codeReport: 'pos:manage:codeReport',
    overuseReport: 'pos:manage:overuseReport',
    exportCsv: 'pos:manage:exportCsv',
    codeVersions: 'pos:manage:codeVersions',
    searchCatalogue: 'pos:manage:searchCatalogue',
  },
  // E-mail (docs/MAIL.md): the durable mail queue's state, and this terminal's SMTP settings, which a
  // manager sets on the Manage screen; they stay in main (unlike the manage domain, nothing is relayed).
  mail: {
    status: 'pos:mail:status',
    settings: 'pos:mail:settings',
    updateSettings: 'pos:mail:updateSettings',
    clearSettings: 'pos:mail:clearSettings',
    test: 'pos:mail:test',
  },
  // Offline sync with the central server (docs/SYNC.md).
  sync: {
    status: 'pos:sync:status',
    enrol: 'pos:sync:enrol',
    now: 'pos:sync:now',
  },
  // Door mode: checking admission tickets (docs/TICKETS.md "Door mode").
  door: {
    performances: 'pos:door:performances',
    current: 'pos:door:current',
    open: 'pos:door:open',
    scan: 'pos:door:scan',
    counts: 'pos:door:counts',
  },
  // The sales journal (docs/ORDERS.md).
  journal: {
    search: 'pos:journal:search',
    open: 'pos:journal:open',
  },
  // Reservations and the will-call list (docs/RESERVATIONS.md).
  reservations: {
    reserve: 'pos:reservations:reserve',
    list: 'pos:reservations:list',
    pickup: 'pos:reservations:pickup',
    cancel: 'pos:reservations:cancel',
  },
  // Reserved seats: the seat map, picking and best available (docs/SEATING.md "At the window").
  seats: {
    map: 'pos:seats:map',
    states: 'pos:seats:states',
    pick: 'pos:seats:pick',
    unpick: 'pos:seats:unpick',
    best: 'pos:seats:best',
  },
} as const;

type ValueOf<T> = T[keyof T];
export type Domain = keyof typeof channels;
export type ChannelName = ValueOf<{ [D in Domain]: ValueOf<(typeof channels)[D]> }>;

/** Push events from main to the renderer travel on this one channel. */
export const EVENT_CHANNEL = 'pos:event';

export const allChannelNames: readonly ChannelName[] = Object.values(channels).flatMap(
  (verbs) => Object.values(verbs) as ChannelName[],
);
