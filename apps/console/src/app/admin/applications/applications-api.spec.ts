import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { pageProviders } from '../../shared/testing/component-testing';
import { ApplicationsApi } from './applications-api';

describe('ApplicationsApi', () => {
  let api: ApplicationsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    api = TestBed.inject(ApplicationsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it.each<[string, (api: ApplicationsApi) => Observable<unknown>, string, string, unknown]>([
    ['lists', (a) => a.list('t1'), 'GET', ApiPaths.applications('t1'), null],
    [
      'registers',
      (a) => a.create('t1', { name: 'HR', kind: 'public', redirectUris: ['https://hr.test/cb'] }),
      'POST',
      ApiPaths.applications('t1'),
      { name: 'HR', kind: 'public', redirectUris: ['https://hr.test/cb'] },
    ],
    [
      'changes',
      (a) => a.update('t1', 'a1', { name: 'HR 2' }),
      'PATCH',
      ApiPaths.application('t1', 'a1'),
      { name: 'HR 2' },
    ],
    ['rotates', (a) => a.rotateSecret('t1', 'a1'), 'POST', ApiPaths.applicationSecret('t1', 'a1'), {}],
    ['deletes', (a) => a.remove('t1', 'a1'), 'DELETE', ApiPaths.application('t1', 'a1'), null],
    ['reads the user types', (a) => a.userTypes('t1'), 'GET', ApiPaths.userTypes('t1'), null],
  ])('%s', (_, call, method, url, body) => {
    call(api).subscribe();
    const request = http.expectOne({ method, url });
    expect(request.request.body).toEqual(body);
    request.flush(null);
  });
});
