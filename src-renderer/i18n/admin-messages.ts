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
};
