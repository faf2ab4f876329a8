import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, type RoleDefinition } from '../../../../shared/auth/permissions';
import { isManagingRole, isTrivialPin, pinPolicyProblem } from '../../../../shared/auth/pin-policy';
import { DEMO_STAFF } from '../../../../src-main/services/demo-data';

const role = (id: string) => BUILT_IN_ROLES.find((r) => r.id === id) as RoleDefinition;

describe('PIN policy', () => {
  it('asks managing roles for 6 digits and others for 4, up to 8', () => {
    expect(pinPolicyProblem('4826', role('seller'), 'seller')).toBeUndefined();
    expect(pinPolicyProblem('4826', role('supervisor'), 'supervisor')).toBeUndefined();
    expect(pinPolicyProblem('4826', role('manager'), 'manager')).toMatch(
      /"manager" can manage .* at least 6 digits: choose 6 to 8 digits/,
    );
    expect(pinPolicyProblem('640273', role('manager'), 'manager')).toBeUndefined();
    expect(pinPolicyProblem('482', role('seller'), 'seller')).toMatch(/at least 4 digits/);
    expect(pinPolicyProblem('482619375', role('seller'), 'seller')).toMatch(/at most 8 digits/);
    expect(pinPolicyProblem('48a6', role('seller'), 'seller')).toMatch(/digits only/);
  });

  it('counts any role holding staff.manage (or another managing permission) as managing', () => {
    expect(isManagingRole({ permissions: ['sell', 'staff.manage'] })).toBe(true);
    expect(isManagingRole({ permissions: ['sell', 'terminals.enrol'] })).toBe(true);
    expect(isManagingRole(role('supervisor'))).toBe(false);
  });

  it('refuses repeated digits and straight runs either way, wrapping included', () => {
    for (const pin of ['0000', '999999', '1234', '123456', '654321', '4321', '8901', '0987']) {
      expect(isTrivialPin(pin), pin).toBe(true);
      expect(pinPolicyProblem(pin, role('seller'), 'seller'), pin).toMatch(/choose digits without a pattern/);
    }
    for (const pin of ['4826', '1243', '1357', '640273']) expect(isTrivialPin(pin), pin).toBe(false);
  });

  it('holds for the demo staff the terminal seeds itself', () => {
    for (const s of DEMO_STAFF)
      expect(pinPolicyProblem(s.pin, role(s.roleId), s.roleId), s.id).toBeUndefined();
  });
});
