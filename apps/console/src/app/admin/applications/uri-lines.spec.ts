import { MAX_REDIRECT_URIS } from '@latchkey/contracts';
import { apiMessageByLine, uriLinesProblems, uriList, uriText } from './uri-lines';

describe('uri-lines', () => {
  it('reads one URI per line, trimmed, blank lines left out', () => {
    expect(uriList(' https://a.test/cb \r\n\n  \nhttps://b.test/cb')).toEqual([
      'https://a.test/cb',
      'https://b.test/cb',
    ]);
    expect(uriText(['https://a.test/cb', 'https://b.test/cb'])).toBe('https://a.test/cb\nhttps://b.test/cb');
  });

  it.each<[string, boolean, string[]]>([
    ['', true, ['Enter at least one redirect URI.']],
    ['\n \n', false, []],
    ['https://a.test/cb\nhttp://localhost:4300/cb\nhttp://[::1]/cb', true, []],
    ['https://a.test/cb\n\nhttp://a.test/cb', true, ['Line 3 must use https (http only for localhost).']],
    ['ftp://a.test/cb', true, ['Line 1 must be an https address (http only for localhost).']],
    ['/cb', true, ['Line 1 must be an absolute URL, like https://app.example.com/callback.']],
    ['https://a.test/cb#x', true, ['Line 1 may not contain a fragment (#).']],
    ['https://*.a.test/cb', true, ['Line 1 may not contain a wildcard (*).']],
    ['https://u:p@a.test/cb', true, ['Line 1 may not contain a user name or password.']],
    ['https://a.test/cb\nhttps://a.test/cb', true, ['Line 2 repeats line 1.']],
  ])('%j (required %s) → %j', (text, required, problems) => {
    expect(uriLinesProblems(text, required)).toEqual(problems);
  });

  it(`takes at most ${MAX_REDIRECT_URIS}`, () => {
    const text = Array.from({ length: MAX_REDIRECT_URIS + 1 }, (_, i) => `https://a.test/${i}`).join('\n');
    expect(uriLinesProblems(text, true)).toEqual([
      `Enter at most ${MAX_REDIRECT_URIS} URIs; there are ${MAX_REDIRECT_URIS + 1}.`,
    ]);
  });

  it("tells the API's message about an entry by the line it was typed on", () => {
    const text = 'https://a.test/cb\n\nhttps://b.test/cb';
    expect(apiMessageByLine('redirectUris[1] must use https', 'redirectUris', text)).toBe(
      'Line 3 must use https',
    );
    expect(apiMessageByLine('redirectUris lists a URL twice', 'redirectUris', text)).toBe(
      'redirectUris lists a URL twice',
    );
    expect(apiMessageByLine('redirectUris[7] is odd', 'redirectUris', text)).toBe('redirectUris[7] is odd');
  });
});
