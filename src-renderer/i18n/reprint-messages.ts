// The ticket reprint on the refunds screen (docs/TICKETS.md "Reprints"), English and German.

export const reprintEn = {
  'reprint.heading': 'Reprint tickets',
  'reprint.help':
    'A new barcode replaces a lost or damaged ticket: the old one is refused at the door. Tick tickets to reprint only those; none ticked reprints all.',
  'reprint.tickets': 'Tickets of this sale',
  'reprint.pickTicket': 'Reprint {name}',
  'reprint.ticket': 'Ticket',
  'reprint.status': 'Status',
  'reprint.status.valid': 'valid',
  'reprint.status.void': 'void',
  'reprint.status.reissued': 'replaced',
  'reprint.newSecret': 'Reprint with new barcode',
  'reprint.sameBarcode': 'Same barcode (DUPLICATE)',
  'reprint.sameBarcodeHelp': 'Prints the same barcode again marked DUPLICATE: both copies stay valid.',
  'reprint.doneNew': '{count} ticket(s) reprinted with a new barcode; the old one(s) no longer admit.',
  'reprint.doneSame': '{count} ticket(s) reprinted as DUPLICATE with the same barcode.',
  'reprint.none': 'This sale has no valid tickets to reprint.',
} as const;

export type ReprintKey = keyof typeof reprintEn;

export const reprintDe: Record<ReprintKey, string> = {
  'reprint.heading': 'Tickets nachdrucken',
  'reprint.help':
    'Ein neuer Barcode ersetzt ein verlorenes oder beschädigtes Ticket: Das alte wird am Einlass abgewiesen. Angekreuzte Tickets werden nachgedruckt; ohne Kreuz alle.',
  'reprint.tickets': 'Tickets dieses Verkaufs',
  'reprint.pickTicket': '{name} nachdrucken',
  'reprint.ticket': 'Ticket',
  'reprint.status': 'Status',
  'reprint.status.valid': 'gültig',
  'reprint.status.void': 'ungültig',
  'reprint.status.reissued': 'ersetzt',
  'reprint.newSecret': 'Mit neuem Barcode nachdrucken',
  'reprint.sameBarcode': 'Gleicher Barcode (DUPLIKAT)',
  'reprint.sameBarcodeHelp':
    'Druckt denselben Barcode erneut mit dem Vermerk DUPLIKAT: Beide Exemplare bleiben gültig.',
  'reprint.doneNew':
    '{count} Ticket(s) mit neuem Barcode nachgedruckt; die alten berechtigen nicht mehr zum Einlass.',
  'reprint.doneSame': '{count} Ticket(s) als DUPLIKAT mit demselben Barcode nachgedruckt.',
  'reprint.none': 'Dieser Verkauf hat keine gültigen Tickets zum Nachdrucken.',
};
