import { userListParams } from './users-api';

describe('userListParams', () => {
  it('sends only what is set, booleans as words', () => {
    const params = userListParams({
      search: 'ann',
      userTypeId: undefined,
      method: 'pin',
      enrolled: false,
      locked: true,
      sort: 'lastSecondFactor',
      direction: 'desc',
      page: 3,
      pageSize: 50,
    });

    expect(params.toString()).toBe(
      'search=ann&method=pin&enrolled=false&locked=true&sort=lastSecondFactor&direction=desc&page=3&pageSize=50',
    );
  });

  it('leaves out an empty search', () => {
    expect(userListParams({ search: '', page: 1 }).toString()).toBe('page=1');
  });
});
