import { expect, request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { ApiPaths, XSRF_COOKIE, XSRF_HEADER } from '@latchkey/contracts';
import { PORTS } from '../scale-out.config';

export const PASSWORD = 'scale-out-demo-password';
export const [A, B] = PORTS.map((port) => `http://127.0.0.1:${port}`);

/**
 * A browser behind a load balancer: one cookie jar, each call sent to the process it names.
 * Cookies are per host, not per port, so both processes see the same session cookie. Redirects
 * are followed by hand, so that each hop goes where the test says.
 */
export class Browser {
  private constructor(readonly context: APIRequestContext) {}

  static async open(): Promise<Browser> {
    const browser = new Browser(await request.newContext({ maxRedirects: 0 }));
    await browser.call(A, 'GET', ApiPaths.state);
    return browser;
  }

  async call(origin: string, method: string, path: string, data?: unknown): Promise<APIResponse> {
    const cookies = (await this.context.storageState()).cookies;
    const xsrf = cookies.find((c) => c.name === XSRF_COOKIE)?.value;
    return this.context.fetch(origin + path, {
      method,
      data: data as object | undefined,
      headers: xsrf && method !== 'GET' ? { [XSRF_HEADER]: decodeURIComponent(xsrf) } : {},
      maxRedirects: 0,
    });
  }

  async signIn(
    origin: string,
    email: string,
  ): Promise<{ state: string; deadline?: string | null; redirectTo?: string; me?: { tenantId: string } }> {
    const res = await this.call(origin, 'POST', ApiPaths.login, { email, password: PASSWORD });
    expect(res.status(), await res.text()).toBe(200);
    return res.json();
  }

  close(): Promise<void> {
    return this.context.dispose();
  }
}
