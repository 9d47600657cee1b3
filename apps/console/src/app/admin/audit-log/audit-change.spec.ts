import { describeChange } from './audit-change';

describe('describeChange', () => {
  it('shows a changed field as old → new', () => {
    expect(describeChange({ method: 'off', graceDays: 0 }, { method: 'pin', graceDays: 0 })).toEqual([
      'method: off → pin',
    ]);
  });

  it('lists every changed field, in order', () => {
    expect(
      describeChange({ method: 'off', graceDays: 0 }, { method: 'authenticator', graceDays: 7 }),
    ).toEqual(['method: off → authenticator', 'graceDays: 0 → 7']);
  });

  it('shows what an event created, and what it removed', () => {
    expect(describeChange(null, { name: 'Acme', twoFactorEnabled: false })).toEqual([
      'name: Acme',
      'twoFactorEnabled: false',
    ]);
    expect(describeChange({ floor: 'pin' }, null)).toEqual(['floor: pin → —']);
    expect(describeChange({ floor: 'pin' }, { floor: null })).toEqual(['floor: pin → —']);
    expect(describeChange({}, { exception: 'off' })).toEqual(['exception: — → off']);
  });

  it('joins lists and says nothing when nothing was recorded or changed', () => {
    expect(describeChange({ roles: ['a'] }, { roles: ['a', 'b'] })).toEqual(['roles: a → a, b']);
    expect(describeChange(null, null)).toEqual([]);
    expect(describeChange({ roles: ['a'] }, { roles: ['a'] })).toEqual([]);
  });
});
