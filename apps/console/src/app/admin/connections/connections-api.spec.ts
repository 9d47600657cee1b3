import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { pageProviders } from '../../shared/testing/component-testing';
import { ConnectionsApi } from './connections-api';

describe('ConnectionsApi', () => {
  let api: ConnectionsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    api = TestBed.inject(ConnectionsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const created = {
    name: 'Acme SSO',
    issuer: 'https://login.acme.test',
    clientId: 'latchkey',
    clientSecret: 's3cret',
    emailDomains: ['acme.test'],
  };

  it.each<[string, (api: ConnectionsApi) => Observable<unknown>, string, string, unknown]>([
    ['lists', (a) => a.list('t1'), 'GET', ApiPaths.connections('t1'), null],
    ['connects', (a) => a.create('t1', created), 'POST', ApiPaths.connections('t1'), created],
    [
      'changes',
      (a) => a.update('t1', 'c1', { enabled: false }),
      'PATCH',
      ApiPaths.connection('t1', 'c1'),
      { enabled: false },
    ],
    ['removes', (a) => a.remove('t1', 'c1'), 'DELETE', ApiPaths.connection('t1', 'c1'), null],
    ['tests', (a) => a.test('t1', 'c1'), 'POST', ApiPaths.connectionTest('t1', 'c1'), {}],
    ['reads the user types', (a) => a.userTypes('t1'), 'GET', ApiPaths.userTypes('t1'), null],
  ])('%s', (_, call, method, url, body) => {
    call(api).subscribe();
    const request = http.expectOne({ method, url });
    expect(request.request.body).toEqual(body);
    request.flush(null);
  });
});
