import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy, type SlaPolicy } from '../../../../functions/domain/sla';
import {
  chooseSlaPolicy, domainOf, matchConditions, type SlaPolicyCandidate, type SlaPolicyFacts,
} from '../../../../functions/domain/sla-policies/match-sla-policy';
import { SlaPolicyConditions, SlaPolicyInput } from '../../../../schemas/sla-policies';

const policy = (id: string): SlaPolicy => ({ ...defaultSlaPolicy(), id, name: id });
const candidate = (id: string, conditions: SlaPolicyConditions | null, over: Partial<SlaPolicyCandidate> = {}): SlaPolicyCandidate => ({
  policy: policy(id), conditions, order: 100, enabled: true, createdAt: '2026-12-01T00:00:00.000Z', ...over,
});
const facts = (over: Partial<SlaPolicyFacts> = {}): SlaPolicyFacts => ({
  priority: 'high', category: 'billing', channel: 'email', requesterEmail: 'Ann@Mail.Acme.example', ...over,
});
const fallback = policy('org-default');

describe('SLA policy conditions', () => {
  it('matches when every given field matches, naming what it matched; {} matches everything', () => {
    expect(matchConditions({}, facts())).toEqual({});
    expect(matchConditions({ priorities: ['high', 'urgent'], channels: ['email'] }, facts())).toEqual({ priority: 'high', channel: 'email' });
    expect(matchConditions({ priorities: ['urgent'], channels: ['email'] }, facts())).toBeNull();
    expect(matchConditions({ categories: ['billing'] }, facts({ category: 'Billing' }))).toEqual({ category: 'Billing' });
    expect(matchConditions({ categories: ['Billing', 'refunds'] }, facts({ category: 'billing' }))).toEqual({ category: 'billing' });
    expect(matchConditions({ categories: ['billing'] }, facts({ category: null }))).toBeNull();
  });

  it('matches a requester domain and its subdomains, never a look-alike', () => {
    expect(domainOf('Ann@Mail.Acme.example')).toBe('mail.acme.example');
    expect(matchConditions({ requesterDomains: ['acme.example'] }, facts())).toEqual({ requesterDomain: 'mail.acme.example' });
    expect(matchConditions({ requesterDomains: ['mail.acme.example'] }, facts())).not.toBeNull();
    expect(matchConditions({ requesterDomains: ['acme.example'] }, facts({ requesterEmail: 'x@notacme.example' }))).toBeNull();
    expect(matchConditions({ requesterDomains: ['acme.example'] }, facts({ requesterEmail: 'no-at-sign' }))).toBeNull();
  });

  it('takes the first enabled conditional policy by order (ties by age), else the default', () => {
    const list = [
      candidate('late', { priorities: ['high'] }, { order: 200 }),
      candidate('off', { priorities: ['high'] }, { order: 1, enabled: false }),
      candidate('plain', null, { order: 0 }),
      candidate('newer', { channels: ['email'] }, { order: 50, createdAt: '2026-12-02T00:00:00.000Z' }),
      candidate('older', { channels: ['email'] }, { order: 50 }),
    ];
    expect(chooseSlaPolicy(list, facts(), fallback)).toEqual({ policy: list[4].policy, reason: { kind: 'conditions', matched: { channel: 'email' } } });
    expect(chooseSlaPolicy(list, facts({ channel: 'api' }), fallback).policy.id).toBe('late');
    expect(chooseSlaPolicy(list, facts({ channel: 'api', priority: 'low' }), fallback)).toEqual({ policy: fallback, reason: { kind: 'default' } });
  });

  it('validates conditions: lower-cases text, refuses unknown fields, empty or repeated lists and bad domains', () => {
    expect(SlaPolicyConditions.parse({ requesterDomains: ['ACME.example'], channels: [' Email '] }))
      .toEqual({ requesterDomains: ['acme.example'], channels: ['email'] });
    const bad = [
      { priorities: ['soon'] }, { channels: [] }, { categories: ['a', 'a'] }, { requesterDomains: ['@acme.example'] },
      { requesterDomains: ['acme'] }, { tags: ['x'] }, { channels: ['Web Form'] },
    ];
    for (const conditions of bad) expect(SlaPolicyConditions.safeParse(conditions).success, JSON.stringify(conditions)).toBe(false);
    const parsed = SlaPolicyInput.parse({ name: 'P', calendar: '24x7' });
    expect(parsed).toMatchObject({ conditions: null, order: 100, enabled: true });
  });
});
