import type { ComponentType } from 'react';
import type { Permission } from '../../shared/auth/permissions';
import { EventsScreen } from '../features/admin/EventsScreen';
import { OrganisationScreen } from '../features/admin/OrganisationScreen';
import { ProductsScreen } from '../features/admin/ProductsScreen';
import { SeatMapsScreen } from '../features/admin/SeatMapsScreen';
import { ReviewQueueScreen } from '../features/admin/ReviewQueueScreen';
import { RolesScreen } from '../features/admin/RolesScreen';
import { StaffScreen } from '../features/admin/StaffScreen';
import { TerminalsScreen } from '../features/admin/TerminalsScreen';
import { AuditScreen } from '../features/admin/AuditScreen';
import { CustomersScreen } from '../features/admin/CustomersScreen';
import { VenuesScreen } from '../features/admin/VenuesScreen';
import { CodeReportScreen } from '../features/reports/CodeReportScreen';
import { OrdersScreen } from '../features/reports/OrdersScreen';
import { SalesByPerformanceScreen } from '../features/reports/SalesByPerformanceScreen';
import { ReasonsScreen } from '../features/reports/ReasonsScreen';
import { ShiftsScreen } from '../features/reports/ShiftsScreen';
import { VouchersReportScreen } from '../features/reports/VouchersReportScreen';
import { CodesScreen } from '../features/manage/CodesScreen';
import { OverusesScreen } from '../features/manage/OverusesScreen';
import type { MessageKey } from '../i18n/messages';

// Every screen of the back office, in menu order. A screen shows for a manager whose server role has its
// permission; the server checks that permission again on every call, so this only tidies the menu.
// Screens shared with the terminal's Manage menu (codes, reports, overuses) are the very same components;
// the code report here also leads to the orders of a code, which the terminal has no screen for.

export type SectionGroup = 'setup' | 'people' | 'terminals' | 'codes' | 'reports';

export interface Section {
  /** The address: #/<id>. */
  id: string;
  group: SectionGroup;
  label: MessageKey;
  permission: Permission;
  Screen: ComponentType;
}

export const GROUPS: { group: SectionGroup; label: MessageKey }[] = [
  { group: 'setup', label: 'admin.group.setup' },
  { group: 'people', label: 'admin.group.people' },
  { group: 'terminals', label: 'admin.group.terminals' },
  { group: 'codes', label: 'admin.group.codes' },
  { group: 'reports', label: 'admin.group.reports' },
];

export const SECTIONS: Section[] = [
  {
    id: 'organisation',
    group: 'setup',
    label: 'admin.section.organisation',
    permission: 'catalogue.manage',
    Screen: OrganisationScreen,
  },
  {
    id: 'venues',
    group: 'setup',
    label: 'admin.section.venues',
    permission: 'catalogue.manage',
    Screen: VenuesScreen,
  },
  {
    id: 'events',
    group: 'setup',
    label: 'admin.section.events',
    permission: 'catalogue.manage',
    Screen: EventsScreen,
  },
  {
    id: 'seat-maps',
    group: 'setup',
    label: 'admin.section.seatMaps',
    permission: 'catalogue.manage',
    Screen: SeatMapsScreen,
  },
  {
    id: 'products',
    group: 'setup',
    label: 'admin.section.products',
    permission: 'catalogue.manage',
    Screen: ProductsScreen,
  },
  {
    id: 'staff',
    group: 'people',
    label: 'admin.section.staff',
    permission: 'staff.manage',
    Screen: StaffScreen,
  },
  {
    id: 'roles',
    group: 'people',
    label: 'admin.section.roles',
    permission: 'staff.manage',
    Screen: RolesScreen,
  },
  {
    id: 'customers',
    group: 'people',
    label: 'admin.section.customers',
    permission: 'customers.manage',
    Screen: CustomersScreen,
  },
  {
    id: 'terminals',
    group: 'terminals',
    label: 'admin.section.terminals',
    permission: 'terminals.enrol',
    Screen: TerminalsScreen,
  },
  {
    id: 'review',
    group: 'terminals',
    label: 'admin.section.review',
    permission: 'reports.view',
    Screen: ReviewQueueScreen,
  },
  { id: 'codes', group: 'codes', label: 'manage.tab.codes', permission: 'codes.manage', Screen: CodesScreen },
  {
    id: 'orders',
    group: 'reports',
    label: 'report.section.orders',
    permission: 'reports.view',
    Screen: OrdersScreen,
  },
  {
    id: 'sales',
    group: 'reports',
    label: 'report.section.sales',
    permission: 'reports.view',
    Screen: SalesByPerformanceScreen,
  },
  {
    id: 'shifts',
    group: 'reports',
    label: 'report.section.shifts',
    permission: 'reports.view',
    Screen: ShiftsScreen,
  },
  {
    id: 'reasons',
    group: 'reports',
    label: 'report.section.reasons',
    permission: 'reports.view',
    Screen: ReasonsScreen,
  },
  {
    id: 'vouchers',
    group: 'reports',
    label: 'report.section.vouchers',
    permission: 'reports.view',
    Screen: VouchersReportScreen,
  },
  {
    id: 'reports',
    group: 'reports',
    // The terminal's Manage menu calls it Reports; beside Orders, Sales and Shifts it is the code report.
    label: 'admin.section.codeReport',
    permission: 'reports.view',
    Screen: CodeReportScreen,
  },
  {
    id: 'overuses',
    group: 'reports',
    label: 'manage.tab.overuses',
    permission: 'reports.view',
    Screen: OverusesScreen,
  },
  {
    id: 'audit',
    group: 'reports',
    label: 'admin.section.audit',
    permission: 'audit.view',
    Screen: AuditScreen,
  },
];
