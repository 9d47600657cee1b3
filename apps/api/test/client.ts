import type { Server } from 'node:http';
import request, { type Response } from 'supertest';
import { ApiPaths, isErrorCode, SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@latchkey/contracts';

/**
 * Every error answer of the API, in every suite that calls it through this client, carries a
 * code of the catalogue and its params (DESIGN §13), and each field error a code per message.
 */
export function assertCodedError(res: Response): void {
  if (res.status < 400 || !res.type?.includes('json')) return;
  const body = res.body as {
    code?: unknown;
    params?: unknown;
    errors?: Array<{ messages: string[]; codes?: string[] }>;
  };
  if (!isErrorCode(body.code) || typeof body.params !== 'object' || body.params === null)
    throw new Error(`An error answer without a code: ${res.status} ${JSON.stringify(body)}`);
  for (const field of body.errors ?? []) {
    if (!Array.isArray(field.codes) || field.codes.length !== field.messages.length)
      throw new Error(`A field error without a code per message: ${JSON.stringify(field)}`);
  }
}

/**
 * A browser-like HTTP client over supertest: it keeps cookies, and sends the XSRF header
 * copied from the XSRF-TOKEN cookie on every state-changing call, as Angular does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(private server: Server) {}

  /** Points the client (and its cookies) at another server: a restarted app, another process. */
  retarget(server: Server): this {
    this.server = server;
    return this;
  }

  get sessionId(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }

  /** Fetches the XSRF cookie, as the console does when it starts. */
  async begin(): Promise<this> {
    await this.get(ApiPaths.state);
    return this;
  }

  /**
   * Signs in through the state machine: picks `loginId` when asked, and postpones enrolment
   * when the answer allows it. Answers the last sign-in answer.
   */
  async signIn(email: string, password: string, loginId?: string): Promise<Response> {
    if (!this.cookies.has(XSRF_COOKIE)) await this.begin();
    let res = await this.post(ApiPaths.login, { email, password });
    if (res.body.state === 'pick-login') {
      if (!loginId) throw new Error(`${email} has several logins: say which`);
      res = await this.post(ApiPaths.pick, { loginId });
    }
    if ((res.body.state === 'totp-enrol' || res.body.state === 'pin-setup') && res.body.deadline) {
      res = await this.post(ApiPaths.postpone);
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send('GET', path, undefined, headers);
  }

  post(path: string, body?: unknown): Promise<Response> {
    return this.send('POST', path, body);
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    let req = request(this.server)[method.toLowerCase() as 'get'](path);
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookieHeader) req = req.set('Cookie', cookieHeader);
    const xsrf = this.cookies.get(XSRF_COOKIE);
    if (xsrf && method !== 'GET') req = req.set(XSRF_HEADER, decodeURIComponent(xsrf));
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    this.remember(res);
    assertCodedError(res);
    return res;
  }

  /** Takes the cookies of an answer this client's session got by another way (a raw request). */
  absorbSetCookie(setCookie: string[] | undefined): void {
    this.remember({ headers: { 'set-cookie': setCookie } } as unknown as Response);
  }

  /** The Cookie and XSRF headers this client sends, for a raw request on its behalf. */
  authHeaders(method: string): Record<string, string> {
    const headers: Record<string, string> = {};
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookieHeader) headers['Cookie'] = cookieHeader;
    const xsrf = this.cookies.get(XSRF_COOKIE);
    if (xsrf && method !== 'GET') headers[XSRF_HEADER] = decodeURIComponent(xsrf);
    return headers;
  }

  private remember(res: Response): void {
    const setCookie = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of setCookie ?? []) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
