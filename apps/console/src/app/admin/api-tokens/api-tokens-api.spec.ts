import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { pageProviders } from '../../shared/testing/component-testing';
import { ApiTokensApi } from './api-tokens-api';

describe('ApiTokensApi', () => {
  let api: ApiTokensApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    api = TestBed.inject(ApiTokensApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it.each<[string, (api: ApiTokensApi) => Observable<unknown>, string, string, unknown]>([
    ['lists', (a) => a.list('t1'), 'GET', ApiPaths.apiTokens('t1'), null],
    [
      'makes',
      (a) => a.create('t1', { name: 'HR sync', scopes: ['users:read'] }),
      'POST',
      ApiPaths.apiTokens('t1'),
      { name: 'HR sync', scopes: ['users:read'] },
    ],
    ['revokes', (a) => a.revoke('t1', 'k1'), 'DELETE', ApiPaths.apiToken('t1', 'k1'), null],
  ])('%s', (_, call, method, url, body) => {
    call(api).subscribe();
    const request = http.expectOne({ method, url });
    expect(request.request.body).toEqual(body);
    request.flush(null);
  });
});
