import type { Server } from 'node:http';
import { ApiPaths, SESSION_COOKIE, type PendingSignInState } from '@latchkey/contracts';
import { PasswordHasher } from '../src/factors/password-hasher';
import { DirectoryService } from '../src/directory/directory.service';
import { Login } from '../src/directory/login.entity';
import { TestClient } from './client';
import { PASSWORD, type Fixtures } from './fixtures';
import type { TestApp } from './harness';
import { PENDING_STATES, isGateRefusal, type CallerKind } from './route-catalogue';
import { secretOf, totpAt } from './totp-vectors';

/** A non-trivial PIN the cast uses whenever a step asks for one. */
export const CAST_PIN = '739164';

/** What a person of the cast needs to finish any sign-in step: their secret, PIN, backup codes. */
interface Person {
  email: string;
  tenantId: string;
  loginId: string;
  secret?: string;
  backupCodes: string[];
  usedSteps: Set<number>;
}

/** One caller: a client and how to bring it back when a request ended or moved its session. */
export interface Caller {
  kind: CallerKind;
  client: TestClient;
  person: Person | null;
  /** The session a pending caller must keep (id); null for anonymous. */
  sessionId: string | undefined;
}

/**
 * Everybody the access sweep and the fuzzer call as: anonymous, a pending sign-in at each step of
 * libs/contracts, an end user, an owner, the owner of another tenant, and a super user.
 *
 * The pending sign-ins live in a tenant of their own ("Steps") that no fuzzed request can reach
 * (its ids are in no pool), so that owner and platform routes changing policy elsewhere do not
 * move them; each is a fresh person, made again whenever a request finished, moved or locked it.
 */
export class Cast {
  readonly callers = new Map<CallerKind, Caller>();
  steps!: { id: string; off: string; pin: string; totp: string; ownerLogin: string };
  /** Ids for fuzzed requests to aim at: no caller of the cast depends on them. */
  targets!: { tenantId: string; userTypeId: string; loginId: string; email: string };
  private stepsOwner!: TestClient;
  private passwordHash = '';
  private people = new Map<CallerKind, Person>();
  private serial = 0;
  private pickLogins: string[] = [];
  /** Counts re-sign-ins and re-made pending states, for the report. */
  remade = 0;

  constructor(
    private readonly t: TestApp,
    private readonly f: Fixtures,
    private readonly server: Server,
  ) {}

  async setUp(): Promise<this> {
    const directory = this.t.app.get(DirectoryService);
    this.passwordHash = await this.t.app.get(PasswordHasher).hash(PASSWORD);

    const steps = await directory.createTenant('Steps');
    const [off, pin, totp] = await Promise.all(
      ['Off', 'Pin', 'Totp'].map((n) => directory.createUserType(steps.id, n)),
    );
    const stella = await directory.createIdentity('stella@steps.test', this.passwordHash);
    const stellaLogin = await directory.createLogin({
      tenantId: steps.id,
      identityId: stella.id,
      userTypeId: off.id,
      displayName: 'Stella',
      role: 'owner',
    });
    this.steps = { id: steps.id, off: off.id, pin: pin.id, totp: totp.id, ownerLogin: stellaLogin.id };

    // The login the fuzzer types wrong passwords for: its lock counters may change, nothing else.
    const lockme = await directory.createIdentity('lockme@steps.test', this.passwordHash);
    await directory.createLogin({
      tenantId: steps.id,
      identityId: lockme.id,
      userTypeId: off.id,
      displayName: 'Lock me',
      role: 'user',
    });
    const target = await directory.createTenant('Target');
    const spare = await directory.createUserType(this.f.acme.id, 'Spare');
    const tara = await directory.createIdentity('tara@acme.test', this.passwordHash);
    const taraLogin = await directory.createLogin({
      tenantId: this.f.acme.id,
      identityId: tara.id,
      userTypeId: spare.id,
      displayName: 'Tara',
      role: 'user',
    });
    this.targets = {
      tenantId: target.id,
      userTypeId: spare.id,
      loginId: taraLogin.id,
      email: 'tara@acme.test',
    };

    const root = new TestClient(this.server);
    await root.signIn('root@latchkey.test', PASSWORD);
    for (const id of [steps.id, this.f.acme.id]) {
      const on = await root.send('PATCH', ApiPaths.platformTenant(id), { twoFactorEnabled: true });
      if (on.status !== 200) throw new Error(`could not switch 2FA on: ${on.status}`);
    }
    this.stepsOwner = new TestClient(this.server);
    await this.stepsOwner.signIn('stella@steps.test', PASSWORD);
    for (const [typeId, method] of [
      [pin.id, 'pin'],
      [totp.id, 'authenticator'],
    ] as const) {
      const set = await this.stepsOwner.send('PUT', ApiPaths.userTypePolicy(steps.id, typeId), {
        method,
        graceDays: 0,
      });
      if (set.status !== 200) throw new Error(`could not set the ${method} policy: ${set.status}`);
    }

    const fixed: Array<[CallerKind, string, string, string]> = [
      ['user', 'emma@acme.test', this.f.acme.id, this.f.emma.login],
      ['owner', 'olivia@acme.test', this.f.acme.id, this.f.olivia.login],
      ['foreignOwner', 'gail@globex.test', this.f.globex.id, this.f.gail.login],
      ['super', 'root@latchkey.test', this.f.root.platformTenantId, this.f.root.login],
    ];
    for (const [kind, email, tenantId, loginId] of fixed) {
      this.people.set(kind, { email, tenantId, loginId, backupCodes: [], usedSteps: new Set() });
    }
    this.callers.set('anonymous', {
      kind: 'anonymous',
      client: await new TestClient(this.server).begin(),
      person: null,
      sessionId: undefined,
    });
    for (const kind of [...fixed.map((x) => x[0]), ...PENDING_STATES.map((s) => `pending:${s}` as const)]) {
      await this.remake(kind);
    }
    return this;
  }

  get(kind: CallerKind): Caller {
    const caller = this.callers.get(kind);
    if (!caller) throw new Error(`No caller ${kind} in the cast`);
    return caller;
  }

  /** Where a caller's sign-in stands now, as the API says. */
  async stateOf(kind: CallerKind): Promise<string> {
    return (await this.get(kind).client.get(ApiPaths.state)).body.state;
  }

  /** The ids of the pick-login caller's logins, for near-valid picks. */
  pickCandidates(): string[] {
    return this.pickLogins;
  }

  /** Whether the caller's cookies are still those it was made with (nothing to ask the API). */
  intactNow(kind: CallerKind): boolean {
    const caller = this.get(kind);
    if (kind === 'anonymous') return !caller.client.cookies.has(SESSION_COOKIE);
    return caller.client.sessionId === caller.sessionId;
  }

  /**
   * Whether the caller is still what it was made to be, judging from the last answer only:
   * anonymous holds no session, a pending sign-in keeps its session id (every step rotates
   * it), a locked login is not, and a caller the route should let through is not told by the
   * gate that it is signed out.
   */
  intact(kind: CallerKind, status: number, body: Record<string, unknown>, expectedPass: boolean): boolean {
    if (!this.intactNow(kind)) return false;
    if (kind === 'anonymous') return true;
    if (status === 423) return false;
    if (expectedPass && (status === 401 || status === 403) && isGateRefusal(status, body['message']))
      return false;
    return true;
  }

  /** Puts the platform floor back to none, when a fuzzed request set one. */
  async resetPlatformFloor(): Promise<void> {
    await this.restore('super');
    const res = await this.get('super').client.send('PUT', ApiPaths.platformFloor, { method: 'off' });
    if (res.status !== 200) throw new Error(`could not reset the platform floor: ${res.status}`);
  }

  /** Makes the caller anew: a fresh anonymous client, a new sign-in, or a new pending person. */
  async remake(kind: CallerKind): Promise<Caller> {
    this.remade++;
    if (kind === 'anonymous') {
      const caller = this.get('anonymous');
      caller.client.cookies.delete(SESSION_COOKIE);
      return caller;
    }
    const client = await new TestClient(this.server).begin();
    let person: Person;
    if (kind.startsWith('pending:')) {
      const state = kind.slice(8) as PendingSignInState;
      const previous = this.callers.get(kind)?.person;
      const again = previous ? await this.pendingAgain(previous, state, client) : false;
      person = again && previous ? previous : await this.pendingPerson(state, client);
    } else {
      person = this.people.get(kind) as Person;
      await this.unlock(person);
      await this.signInFully(client, person);
    }
    const caller: Caller = { kind, client, person, sessionId: client.sessionId };
    this.callers.set(kind, caller);
    return caller;
  }

  /** Makes the caller again when a request moved, ended or locked it. */
  async restore(kind: CallerKind): Promise<boolean> {
    if (kind === 'anonymous') {
      const anonymous = this.get(kind);
      if (!anonymous.client.cookies.has(SESSION_COOKIE)) return false;
      await this.remake(kind);
      return true;
    }
    const state = await this.stateOf(kind);
    const wanted = kind.startsWith('pending:') ? kind.slice(8) : 'signed-in';
    const caller = this.get(kind);
    if (state === wanted && caller.client.sessionId === caller.sessionId) {
      // Still where it was; a lock after failed attempts is lifted in place (as an owner would).
      if (caller.person) await this.unlock(caller.person);
      return false;
    }
    await this.remake(kind);
    return true;
  }

  /** Signs the same pending person in again, when their password still leads to `state`. */
  private async pendingAgain(
    person: Person,
    state: PendingSignInState,
    client: TestClient,
  ): Promise<boolean> {
    await this.unlock(person);
    const res = await client.post(ApiPaths.login, { email: person.email, password: PASSWORD });
    if (res.body.state === state) return true;
    if (client.sessionId) await client.post(ApiPaths.logout);
    return false;
  }

  /** A new person of the Steps tenant whose sign-in stands at `state`. */
  private async pendingPerson(state: PendingSignInState, client: TestClient): Promise<Person> {
    const directory = this.t.app.get(DirectoryService);
    const n = ++this.serial;
    const email = `${state}-${n}@steps.test`;
    const identity = await directory.createIdentity(email, this.passwordHash);
    const typeFor: Record<string, string> = {
      'pin-setup': this.steps.pin,
      pin: this.steps.pin,
      'totp-enrol': this.steps.totp,
      totp: this.steps.totp,
      handover: this.steps.off,
      'pick-login': this.steps.off,
    };
    const typeId = typeFor[state] ?? this.steps.off;
    const login = await directory.createLogin({
      tenantId: this.steps.id,
      identityId: identity.id,
      userTypeId: typeId,
      displayName: `${state} ${n}`,
      role: 'user',
    });
    const person: Person = {
      email,
      tenantId: this.steps.id,
      loginId: login.id,
      backupCodes: [],
      usedSteps: new Set(),
    };
    if (state === 'pick-login') {
      this.pickLogins = [login.id];
      const second = await directory.createLogin({
        tenantId: this.steps.id,
        identityId: identity.id,
        userTypeId: this.steps.pin,
        displayName: `${state} ${n} (second)`,
        role: 'user',
      });
      this.pickLogins.push(second.id);
    }
    if (state === 'pin' || state === 'totp') {
      // Enrol once through the API, then start a new sign-in that stops at the code.
      await this.signInFully(await new TestClient(this.server).begin(), person);
    }
    if (state === 'handover') {
      const reset = await this.stepsOwner.post(ApiPaths.reset(this.steps.id, login.id));
      if (reset.status !== 200 || !reset.body.handoverCode) throw new Error(`reset answered ${reset.status}`);
    }
    let res = await client.post(ApiPaths.login, { email, password: PASSWORD });
    if (res.body.state !== state && state !== 'pick-login' && state !== 'handover') {
      // A platform floor set by a fuzzed request outranks the Steps policy: lift it, try again.
      await this.resetPlatformFloor();
      if (client.sessionId) await client.post(ApiPaths.logout);
      res = await client.post(ApiPaths.login, { email, password: PASSWORD });
    }
    if (res.body.state !== state) {
      throw new Error(`a new ${state} person stands at ${res.status} ${JSON.stringify(res.body)}`);
    }
    return person;
  }

  private freshCode(person: Person): string | null {
    const now = Math.floor(Date.now() / 1000);
    const step = [0, -30, 30].map((o) => Math.floor((now + o) / 30)).find((s) => !person.usedSteps.has(s));
    if (step === undefined || !person.secret) return person.backupCodes.shift() ?? null;
    person.usedSteps.add(step);
    return totpAt(person.secret, step * 30);
  }

  private async unlock(person: Person): Promise<void> {
    await this.t.dataSource
      .getRepository(Login)
      .update(
        { tenantId: person.tenantId, id: person.loginId },
        { failedAttempts: 0, lockedUntil: null, lockedOut: false },
      );
  }

  /**
   * Signs in through whatever the policy asks by now: picks the login, postpones or enrols
   * (authenticator or PIN), or answers the factor, so that fuzzed policy changes elsewhere do
   * not strand a caller.
   */
  private async signInFully(client: TestClient, person: Person): Promise<void> {
    let res = await client.signIn(person.email, PASSWORD, person.loginId);
    for (let i = 0; i < 4 && res.body.state !== 'signed-in'; i++) {
      switch (res.body.state) {
        case 'totp-enrol': {
          const start = await client.post(ApiPaths.totpEnrol);
          person.secret = secretOf(start.body.otpauthUri);
          person.usedSteps.clear();
          res = await client.post(ApiPaths.totpEnrolConfirm, { code: this.freshCode(person) });
          if (res.status === 200) person.backupCodes = res.body.backupCodes;
          break;
        }
        case 'totp':
          res = await client.post(ApiPaths.totp, { code: this.freshCode(person) });
          break;
        case 'pin-setup':
          res = await client.post(ApiPaths.pinSetup, { pin: CAST_PIN, pinConfirmation: CAST_PIN });
          break;
        case 'pin':
          res = await client.post(ApiPaths.pin, { pin: CAST_PIN });
          break;
        default:
          break;
      }
    }
    if (res.body.state !== 'signed-in') {
      throw new Error(`${person.email} could not sign in: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}
