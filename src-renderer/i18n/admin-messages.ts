// The back office's own words; its shared screens (codes, reports) use the manage-* messages.

export const adminEn = {
  'admin.title': 'Back office',
  'admin.menu': 'Back office menu',
  'admin.nothingAllowed':
    'Your role has no back-office screens. Ask a manager to give your role a permission such as codes.manage or reports.view.',
  'admin.group.setup': 'Set up',
  'admin.group.people': 'People',
  'admin.group.terminals': 'Terminals',
  'admin.group.codes': 'Codes',
  'admin.group.reports': 'Reports',
  'list.range': '{first}–{last} of {total}',
  'admin.search': 'Search',
  'admin.actions': 'Actions',
  'admin.save': 'Save',
  'admin.none': 'Nothing here yet.',
  'admin.deleteBody': 'This cannot be undone. Records that still refer to it stop the deletion.',
  'admin.field.name': 'Name',
  'admin.section.venues': 'Venues',
  'admin.venues.new': 'New venue',
  'admin.venues.edit': 'Edit {name}',
  'admin.venues.deleteTitle': 'Delete the venue {name}?',
  'admin.venues.currency': 'Currency',
  'admin.venues.currencyHint': 'Three letters, e.g. EUR, GBP, CHF. Every price at this venue is in it.',
  'admin.venues.timezone': 'Time zone',
  'admin.venues.timezoneHint': 'As in Europe/Berlin: performance times and business days follow it.',
} as const;

export const adminDe: Record<keyof typeof adminEn, string> = {
  'admin.title': 'Backoffice',
  'admin.menu': 'Backoffice-Menü',
  'admin.nothingAllowed':
    'Ihre Rolle hat keine Backoffice-Seiten. Bitten Sie eine Managerin oder einen Manager, Ihrer Rolle eine Berechtigung wie codes.manage oder reports.view zu geben.',
  'admin.group.setup': 'Einrichtung',
  'admin.group.people': 'Personen',
  'admin.group.terminals': 'Terminals',
  'admin.group.codes': 'Codes',
  'admin.group.reports': 'Berichte',
  'list.range': '{first}–{last} von {total}',
  'admin.search': 'Suchen',
  'admin.actions': 'Aktionen',
  'admin.save': 'Speichern',
  'admin.none': 'Noch nichts vorhanden.',
  'admin.deleteBody':
    'Das lässt sich nicht rückgängig machen. Solange andere Einträge darauf verweisen, wird nicht gelöscht.',
  'admin.field.name': 'Name',
  'admin.section.venues': 'Spielstätten',
  'admin.venues.new': 'Neue Spielstätte',
  'admin.venues.edit': '{name} bearbeiten',
  'admin.venues.deleteTitle': 'Spielstätte {name} löschen?',
  'admin.venues.currency': 'Währung',
  'admin.venues.currencyHint':
    'Drei Buchstaben, z. B. EUR, GBP, CHF. Alle Preise dieser Spielstätte sind in ihr.',
  'admin.venues.timezone': 'Zeitzone',
  'admin.venues.timezoneHint': 'Wie Europe/Berlin: Vorstellungszeiten und Geschäftstage richten sich danach.',
};
