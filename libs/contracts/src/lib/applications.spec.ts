import { redirectUriProblem } from './applications';

describe('redirectUriProblem', () => {
  it.each([
    'https://app.example.com/callback',
    'https://app.example.com:8443/cb?tenant=acme',
    'http://localhost:4300/callback',
    'http://127.0.0.1:8080/cb',
    'http://[::1]/cb',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ['/callback', 'absolute URL'],
    ['app.example.com/callback', 'absolute URL'],
    ['http://app.example.com/callback', 'https'],
    ['https://*.example.com/callback', 'wildcard'],
    ['https://app.example.com/callback#done', 'fragment'],
    ['https://user:secret@app.example.com/cb', 'user name'],
    ['javascript:alert(1)', 'https'],
    ['ftp://app.example.com/cb', 'https'],
    [`https://app.example.com/${'a'.repeat(2000)}`, 'longer than'],
  ])('refuses %s', (uri, why) => {
    expect(redirectUriProblem(uri)).toContain(why);
  });
});
