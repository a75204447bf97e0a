import { describe, expect, it } from 'vitest';
import type { CustomField } from '../../../../functions/domain/catalog/catalog.entities';
import { categoryMoves } from '../../../../functions/domain/catalog/count-category-usage';
import { slugOf } from '../../../../functions/domain/catalog/manage-categories';
import { renderTemplate, unknownVariables, variablesOf } from '../../../../functions/domain/catalog/render-canned-reply';
import { customFieldErrors, customerVisibleFields } from '../../../../functions/domain/catalog/validate-custom-fields';

const def = (key: string, over: Partial<CustomField>): CustomField => ({
  orgId: 'o', fieldId: key, key, label: key.toUpperCase(), type: 'text', required: false, categoryIds: [], visibleToCustomer: false,
  createdAt: '', updatedAt: '', ...over,
});
const defs = [
  def('sev', { type: 'select', options: ['s1', 's2'], required: true, categoryIds: ['hw'] }),
  def('seats', { type: 'number', visibleToCustomer: true }),
  def('due', { type: 'date' }),
  def('os', { type: 'multiselect', options: ['linux', 'mac'] }),
  def('vip', { type: 'checkbox' }),
];

describe('customFieldErrors', () => {
  it('accepts values of the right types and options', () => {
    expect(customFieldErrors({ sev: 's1', seats: 3, due: '2026-02-28', os: ['mac'], vip: true }, defs, 'hw', { requireAll: true })).toEqual([]);
  });
  it('points at each wrong type, unknown key, option not offered and missing required field', () => {
    const errors = customFieldErrors({ seats: '3', due: '2026-02-30x', os: ['bsd'], vip: 'yes', ghost: 1 }, defs, 'hw', { requireAll: true });
    expect(errors.map((e) => e.pointer)).toEqual([
      '#/customFields/seats', '#/customFields/due', '#/customFields/os', '#/customFields/vip', '#/customFields/ghost', '#/customFields/sev',
    ]);
    expect(errors.find((e) => e.pointer.endsWith('/os'))!.detail).toContain('bsd');
  });
  it('requires a field only for its categories, and not at all without requireAll', () => {
    expect(customFieldErrors({}, defs, 'other', { requireAll: true })).toEqual([]);
    expect(customFieldErrors({}, defs, 'hw', { requireAll: false })).toEqual([]);
    expect(customFieldErrors({ sev: 's9' }, defs, 'hw', { requireAll: false }).map((e) => e.pointer)).toEqual(['#/customFields/sev']);
  });
  it('shows customers only the fields visible to them', () => {
    expect(customerVisibleFields({ sev: 's1', seats: 2, legacy: 'x' }, defs)).toEqual({ seats: 2 });
  });
});

describe('canned reply templates', () => {
  it('lists, checks and fills variables (spaces inside braces allowed)', () => {
    const body = 'Hi {{requester.name}}, re {{ ticket.number }} / {{ticket.number}} from {{agent.signature}}';
    expect(variablesOf(body)).toEqual(['requester.name', 'ticket.number', 'agent.signature']);
    expect(unknownVariables(body)).toEqual(['agent.signature']);
    expect(renderTemplate('Hi {{requester.name}}, re {{ ticket.number }}', {
      'requester.name': 'Carla', 'ticket.number': 'TKT-2026-000009', 'ticket.subject': '', 'agent.name': '', 'organization.name': '',
    })).toBe('Hi Carla, re TKT-2026-000009');
  });
});

describe('category usage moves and slugs', () => {
  it('counts a created ticket\'s category and moves the count on a category change', () => {
    expect(categoryMoves({ type: 'ticket.created', ticket: { category: 'hw' } })).toEqual([{ categoryId: 'hw', by: 1 }]);
    expect(categoryMoves({ type: 'ticket.created', ticket: { category: null } })).toEqual([]);
    expect(categoryMoves({ type: 'ticket.updated', changes: { category: { from: 'hw', to: null } }, ticket: {} })).toEqual([{ categoryId: 'hw', by: -1 }]);
    expect(categoryMoves({ type: 'ticket.updated', changes: { category: { from: 'a', to: 'b' } }, ticket: {} }))
      .toEqual([{ categoryId: 'a', by: -1 }, { categoryId: 'b', by: 1 }]);
    expect(categoryMoves({ type: 'ticket.updated', changes: { priority: { from: 'low', to: 'high' } }, ticket: {} })).toEqual([]);
  });
  it('derives readable ids from names', () => {
    expect(slugOf('Billing & Invoices')).toBe('billing-invoices');
    expect(slugOf('Café Crème')).toBe('cafe-creme');
    expect(slugOf('!!!')).toBe('category');
  });
});
