import { describe, expect, it } from 'vitest';
import { callerOfClaims, groupsOf, isStaff, isSupervisor } from '../../../functions/domain/caller';
import { ROLES, STAFF_ROLES, highestRole, isStaffRole } from '../../../schemas/roles';

describe('callerOfClaims', () => {
  it('maps verified claims to the caller, with the most trusted role of its groups', () => {
    expect(callerOfClaims({ sub: 'u1', 'cognito:groups': '[customer agent]', 'custom:orgId': 'org_a', email: 'a@x.io', name: 'Ann' }))
      .toEqual({ orgId: 'org_a', userId: 'u1', email: 'a@x.io', name: 'Ann', role: 'agent' });
    expect(callerOfClaims({ sub: 'u2', 'cognito:groups': ['supervisor'], 'custom:orgId': 'org_a' }))
      .toEqual({ orgId: 'org_a', userId: 'u2', email: '', name: undefined, role: 'supervisor' });
  });

  it('gives no caller without a subject, a helpdesk role or an organization', () => {
    expect(callerOfClaims({ 'cognito:groups': ['agent'], 'custom:orgId': 'org_a' })).toBeUndefined();
    expect(callerOfClaims({ sub: 'u1', 'cognito:groups': ['everyone'], 'custom:orgId': 'org_a' })).toBeUndefined();
    expect(callerOfClaims({ sub: 'u1', 'cognito:groups': ['agent'], 'custom:orgId': '' })).toBeUndefined();
    expect(callerOfClaims({ sub: 'u1', 'cognito:groups': ['agent'], 'custom:orgId': 42 })).toBeUndefined();
  });

  it('reads groups from a list, a flattened "[a b]" or a comma list', () => {
    expect(groupsOf('[admin agent]')).toEqual(['admin', 'agent']);
    expect(groupsOf('agent, customer')).toEqual(['agent', 'customer']);
    expect(groupsOf(7)).toEqual([]);
  });
});

describe('roles', () => {
  it('ranks admin over supervisor over agent over customer', () => {
    expect(highestRole(['customer', 'agent'])).toBe('agent');
    expect(highestRole(['supervisor', 'admin'])).toBe('admin');
    expect(highestRole(['system'])).toBeUndefined();
  });

  it('counts every role but customer as staff, and no stored non-role', () => {
    expect(ROLES.filter(isStaffRole)).toEqual([...STAFF_ROLES]);
    expect(isStaffRole('system')).toBe(false);
    expect(isStaff({ role: 'customer' })).toBe(false);
    expect(isSupervisor({ role: 'supervisor' })).toBe(true);
    expect(isSupervisor({ role: 'agent' })).toBe(false);
  });
});
