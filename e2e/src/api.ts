import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './demo';
import { codeFor } from './totp';

/**
 * A signed-in API session outside the browser, for setting up the state a browser test needs
 * (a user type, a user, an enrolled authenticator) without depending on earlier spec files.
 */
export class ApiSession {
  private constructor(private readonly http: APIRequestContext) {}

  static async open(baseURL: string): Promise<ApiSession> {
    const http = await request.newContext({ baseURL });
    // The first answer sets the XSRF cookie every POST must echo.
    expect((await http.get('/api/v1/auth/state')).ok()).toBe(true);
    return new ApiSession(http);
  }

  private async xsrf(): Promise<string> {
    const state = await this.http.storageState();
    return state.cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  }

  async call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    data?: unknown,
  ): Promise<T> {
    const answer = await this.http.fetch(`/api/v1/${path}`, {
      method,
      data,
      headers: { 'X-XSRF-TOKEN': await this.xsrf() },
    });
    const text = await answer.text();
    expect(answer.ok(), `${method} ${path}: ${answer.status()} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Email + password, the login of `loginType` when the email has several; returns the answer. */
  async signIn(
    email: string,
    options: { password?: string; loginType?: string } = {},
  ): Promise<SignInAnswer> {
    let answer = await this.call<SignInAnswer>('POST', 'auth/login', {
      email,
      password: options.password ?? DEMO_PASSWORD,
    });
    if (answer.state === 'pick-login') {
      const option = answer.logins?.find((l) => !options.loginType || l.userTypeName === options.loginType);
      answer = await this.call<SignInAnswer>('POST', 'auth/login/pick', { loginId: option?.loginId });
    }
    return answer;
  }

  async dispose(): Promise<void> {
    await this.http.dispose();
  }
}

export interface SignInAnswer {
  state: string;
  deadline?: string | null;
  logins?: Array<{ loginId: string; userTypeName: string | null }>;
  me?: { tenantId: string | null; loginId: string };
}

/**
 * Codes for time steps not yet used with this key: the API accepts a (device, step) once, and
 * one step either side of now. The current step first, then the next; the previous one only
 * while 10 seconds of this step remain, since a boundary passing before the API checks it would
 * make that code two steps old, and refused.
 */
export class FreshCodes {
  private readonly spent = new Map<string, Set<number>>();

  /**
   * A fresh code; when every step in the window was spent already (earlier tests of the file
   * signed in with this key within the same minute), it waits for the next step to begin.
   */
  async next(key: string): Promise<string> {
    for (let waited = 0; waited < 3; waited++) {
      const code = this.now(key);
      if (code) return code;
      // The wait (up to 30 s) is added to the test's own time.
      test.info().setTimeout(test.info().timeout + 31_000);
      await new Promise((resolve) => setTimeout(resolve, (30 - ((Date.now() / 1000) % 30) + 0.5) * 1000));
    }
    throw new Error('no fresh time step left in the window');
  }

  private now(key: string): string | null {
    const spent = this.spent.get(key) ?? new Set<number>();
    this.spent.set(key, spent);
    const now = Date.now() / 1000;
    const previousStillSafe = 30 - (now % 30) > 10;
    for (const offset of previousStillSafe ? [0, 30, -30] : [0, 30]) {
      const time = now + offset;
      const step = Math.floor(time / 30);
      if (!spent.has(step)) {
        spent.add(step);
        return codeFor(key, time);
      }
    }
    return null;
  }
}

export interface A11yWorld {
  tenantId: string;
  /** The ids of this spec's own user types: one asks for the authenticator, one for a PIN. */
  totpTypeId: string;
  pinTypeId: string;
}

/**
 * Makes Acme ready for second factors whatever ran before: the super user switches the feature
 * on, and the owner adds two user types of this spec's own (authenticator, PIN) so that the
 * demo's types and users stay as other spec files expect them.
 */
export async function prepareAcme(baseURL: string, prefix: string): Promise<A11yWorld> {
  const admin = await ApiSession.open(baseURL);
  const adminAnswer = await admin.signIn('admin@latchkey.test');
  if (adminAnswer.state === 'totp-enrol') {
    await admin.call('POST', 'auth/postpone');
  }
  const tenants = await admin.call<Array<{ id: string; name: string }>>('GET', 'platform/tenants');
  const acme = tenants.find((t) => t.name === 'Acme');
  expect(acme, 'the demo tenant Acme').toBeTruthy();
  const tenantId = acme?.id ?? '';
  await admin.call('PATCH', `platform/tenants/${tenantId}`, { twoFactorEnabled: true });
  await admin.dispose();

  const owner = await ApiSession.open(baseURL);
  await owner.signIn('olivia.owner@acme.test');
  const totpType = await owner.call<{ id: string }>('POST', `tenants/${tenantId}/user-types`, {
    name: `${prefix} authenticator`,
    method: 'authenticator',
    graceDays: 0,
  });
  const pinType = await owner.call<{ id: string }>('POST', `tenants/${tenantId}/user-types`, {
    name: `${prefix} PIN`,
    method: 'pin',
    graceDays: 0,
  });
  await owner.dispose();
  return { tenantId, totpTypeId: totpType.id, pinTypeId: pinType.id };
}

/** The owner creates a login of `userTypeId` with the demo password; returns its login id. */
export async function createUser(
  baseURL: string,
  world: A11yWorld,
  email: string,
  displayName: string,
  userTypeId: string,
): Promise<string> {
  const owner = await ApiSession.open(baseURL);
  await owner.signIn('olivia.owner@acme.test');
  const created = await owner.call<{ user: { loginId: string } }>('POST', `tenants/${world.tenantId}/users`, {
    email,
    displayName,
    userTypeId,
    password: DEMO_PASSWORD,
  });
  await owner.dispose();
  return created.user.loginId;
}

/** Enrols an authenticator for `email` through the API and returns its key. */
export async function enrolAuthenticator(baseURL: string, email: string, codes: FreshCodes): Promise<string> {
  const session = await ApiSession.open(baseURL);
  const answer = await session.signIn(email);
  expect(answer.state).toBe('totp-enrol');
  const enrolment = await session.call<{ secret: string }>('POST', 'auth/totp/enrol');
  await session.call('POST', 'auth/totp/enrol/confirm', {
    code: await codes.next(enrolment.secret),
    deviceName: 'Work phone',
  });
  await session.dispose();
  return enrolment.secret;
}

/** Chooses a PIN for `email` through the API. */
export async function choosePin(baseURL: string, email: string, pin: string): Promise<void> {
  const session = await ApiSession.open(baseURL);
  const answer = await session.signIn(email);
  expect(answer.state).toBe('pin-setup');
  await session.call('POST', 'auth/pin/setup', { pin, pinConfirmation: pin });
  await session.dispose();
}

/** The owner resets a login; returns the handover code. */
export async function resetUser(baseURL: string, world: A11yWorld, loginId: string): Promise<string> {
  const owner = await ApiSession.open(baseURL);
  await owner.signIn('olivia.owner@acme.test');
  const answer = await owner.call<{ handoverCode: string }>(
    'POST',
    `tenants/${world.tenantId}/users/${loginId}/reset`,
  );
  await owner.dispose();
  return answer.handoverCode;
}
