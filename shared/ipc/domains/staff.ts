import type { RoleDefinition } from '../../auth/permissions';

export type Role = Omit<RoleDefinition, 'builtIn'>;

export interface StaffSummary {
  id: string;
  name: string;
  roleName: string;
}

export interface Actor {
  staffId: string;
  name: string;
  role: Role;
}

export interface SessionView extends Actor {
  signedInAt: string;
  locked: boolean;
  /**
   * Whether this person's sales here are training sales (docs/CASH.md "Training mode"): the terminal or
   * the person is in training. The screens show the TRAINING banner while it is true.
   */
  training: boolean;
}
