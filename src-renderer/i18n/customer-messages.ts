// The words of the sell screen's customer picker, English and German.

export const customerEn = {
  'customer.title': 'Customer',
  'customer.label': 'Customer:',
  'customer.add': 'Add customer',
  'customer.change': 'Change customer',
  'customer.remove': 'Remove customer',
  'customer.set': 'Set customer',
  'customer.recent': 'Recent customers at this terminal',
  'customer.recentNone': '— enter a customer below —',
  'customer.id': 'Customer number',
  'customer.name': 'Name',
  'customer.email': 'Email (optional)',
  'customer.priorOrders': 'Previous orders',
  'customer.groups': 'Groups (comma separated)',
  'customer.new': 'new customer',
  'customer.prior': 'previous orders: {count}',
  'customer.idMissing': 'Enter the customer number.',
  'customer.idTooLong': 'A customer number has at most 100 characters.',
  'customer.nameMissing': "Enter the customer's name.",
  'customer.nameTooLong': 'A name has at most 200 characters.',
  'customer.emailInvalid': 'Enter an email address such as anna@example.com, or leave it empty.',
  'customer.priorInvalid': 'Enter the previous orders as a whole number; 0 for a new customer.',
  'customer.groupsInvalid': 'List at most 50 groups of up to 100 characters each, separated by commas.',
} as const;

type CustomerKey = keyof typeof customerEn;

export const customerDe: Record<CustomerKey, string> = {
  'customer.title': 'Kunde',
  'customer.label': 'Kunde:',
  'customer.add': 'Kunde hinzufügen',
  'customer.change': 'Kunde ändern',
  'customer.remove': 'Kunde entfernen',
  'customer.set': 'Kunde übernehmen',
  'customer.recent': 'Letzte Kunden an diesem Terminal',
  'customer.recentNone': '— Kunde unten eingeben —',
  'customer.id': 'Kundennummer',
  'customer.name': 'Name',
  'customer.email': 'E-Mail (optional)',
  'customer.priorOrders': 'Bisherige Bestellungen',
  'customer.groups': 'Gruppen (durch Komma getrennt)',
  'customer.new': 'Neukunde',
  'customer.prior': 'bisherige Bestellungen: {count}',
  'customer.idMissing': 'Bitte die Kundennummer eingeben.',
  'customer.idTooLong': 'Eine Kundennummer hat höchstens 100 Zeichen.',
  'customer.nameMissing': 'Bitte den Namen eingeben.',
  'customer.nameTooLong': 'Ein Name hat höchstens 200 Zeichen.',
  'customer.emailInvalid':
    'Bitte eine E-Mail-Adresse wie anna@example.com eingeben oder das Feld leer lassen.',
  'customer.priorInvalid': 'Bitte die bisherigen Bestellungen als ganze Zahl eingeben; 0 für Neukunden.',
  'customer.groupsInvalid': 'Höchstens 50 Gruppen mit je bis zu 100 Zeichen, durch Kommas getrennt.',
};
