import { PERMISSIONS, type Permission } from '../../shared/auth/permissions';
import type { MessageKey } from '../i18n/messages';

// The role editor's permissions, grouped as a manager thinks of them. Every permission has a label
// (people-messages.ts cannot compile without one); one no group names yet lands in the last group.

const GROUPS: { label: MessageKey; permissions: Permission[] }[] = [
  {
    label: 'admin.permGroup.selling',
    permissions: [
      'sell',
      'sell.offline',
      'discount.custom',
      'overuse.grant',
      'custom.approve',
      'refund',
      'void',
      'shift.close',
      'cash.move',
      'drawer.open',
      'offline.approve',
      'sale.comp',
    ],
  },
  { label: 'admin.permGroup.door', permissions: ['tickets.check', 'tickets.duplicate'] },
  {
    label: 'admin.permGroup.managing',
    permissions: ['catalogue.manage', 'codes.manage', 'staff.manage', 'customers.manage', 'terminals.enrol'],
  },
  { label: 'admin.permGroup.reading', permissions: ['reports.view', 'audit.view'] },
];

export function permissionGroups(): { label: MessageKey; permissions: Permission[] }[] {
  const named = new Set(GROUPS.flatMap((g) => g.permissions));
  const rest = PERMISSIONS.filter((p) => !named.has(p));
  return GROUPS.map((g, i) =>
    i === GROUPS.length - 1 ? { ...g, permissions: [...g.permissions, ...rest] } : g,
  );
}

export const permissionLabel = (p: Permission): MessageKey => `admin.permission.${p}`;
