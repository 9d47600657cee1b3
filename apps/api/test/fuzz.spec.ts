import { Agent, request as httpRequest, type Server } from 'node:http';
import fc from 'fast-check';
import { ApiPaths, BACKUP_CODE_PATTERN } from '@latchkey/contracts';
import { Login } from '../src/directory/login.entity';
import { Cast, CAST_PIN } from './cast';
import { DatabaseSnapshots, WriteCounters, changedTables, grownCounters, type Snapshot } from './db-snapshot';
import { PASSWORD, seedFixtures, type Fixtures } from './fixtures';
import { ON_POSTGRES, startTestApp, type TestApp } from './harness';
import { requestArb, type FuzzRequest, type ValuePools } from './fuzz-arbitraries';
import { catalogueRoutes, expectedAccess, type CallerKind, type CataloguedRoute } from './route-catalogue';

/**
 * Fuzzed input on every registered route (DESIGN.md §5.5): generated paths, query strings and
 * bodies — wrong types, missing and extra fields, huge strings, unicode, NUL bytes, numbers out
 * of range, arrays and objects for scalars, __proto__/constructor/prototype keys — sent as
 * every kind of caller, near-valid often enough to reach the services. Every answer must be
 * below 500; every 4xx must carry a readable message; a rejected request must leave the
 * database as it was, but for the lock counters and failure audit rows a failed password, code
 * or pick writes by design (see `allowedChanges`).
 *
 * Replay a failure with the seed it prints: FUZZ_SEED=<seed> npx jest -c apps/api/jest.config.cts
 * apps/api/test/fuzz.spec.ts (FUZZ_SHRINK=1 to also shrink the counterexample).
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 5_050_505);
const SHRINK = !!process.env['FUZZ_SHRINK'];
/** The least number of requests one run of the suite sends. */
const MIN_REQUESTS = Number(process.env['FUZZ_REQUESTS'] ?? 10_000);
/** Runs for a caller the route refuses at the gate. */
const SHALLOW_RUNS = 8;
/**
 * Runs for a route that takes no input (no body, query or path parameter) and lets the caller
 * through: every run is the same request, and some are slow by design (a QR code per call).
 */
const NO_INPUT_RUNS = 2;

/** The callers the fuzzer sends as: every one that reaches a different depth of code. */
const FUZZ_CALLERS: CallerKind[] = [
  'anonymous',
  'pending:pick-login',
  'pending:pin-setup',
  'pending:pin',
  'pending:totp-enrol',
  'pending:totp',
  'pending:handover',
  'user',
  'owner',
  'super',
];

/** Snapshot keys whose change a rejection may cause, by the kind of rejection (DESIGN.md §4). */
function allowedChanges(route: CataloguedRoute, status: number, body: Record<string, unknown>): Set<string> {
  // Every password attempt is reserved against its email before it is checked (password_throttle),
  // and a right one clears that count again even when the sign-in is refused later on (a lock, a
  // held grant: audited as enrolment.refused); a wrong one is audited (sign-in.failed):
  // PasswordThrottle, PasswordStep.verify, EnrolmentGate.
  if (route.key === `POST ${ApiPaths.login}`)
    return new Set(['password_throttle', ...(status === 401 || status === 403 ? ['audit_event~failure'] : [])]);
  // A pick of a login the password did not unlock is audited (sign-in.pick-refused).
  if (route.key === `POST ${ApiPaths.pick}` && status === 404) return new Set(['audit_event~failure']);
  // A wrong code, PIN or handover code stays counted towards the lock and is audited
  // (factor.failed, login.locked): LockoutService.guard. Its answer says so with a reason.
  if (status === 401 && ['incorrect', 'clock-drift', 'replayed'].includes(String(body['reason'])))
    return new Set(['login~lock', 'audit_event~failure']);
  return new Set();
}
/** The snapshot keys that stand for the allowed counter keys: the narrow hashes replace the full ones. */
const SNAPSHOT_IGNORES: Record<string, string> = {
  'login~lock': 'login',
  'audit_event~failure': 'audit_event',
  // Its rows are nothing but attempt counters: the whole table may change with a password attempt.
  password_throttle: 'password_throttle',
};

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: Record<string, unknown>;
  setCookie: string[] | undefined;
}

describe('fuzzed input on every registered route', () => {
  let t: TestApp;
  let f: Fixtures;
  let server: Server;
  let cast: Cast;
  let routes: CataloguedRoute[];
  let snapshots: DatabaseSnapshots;
  let counters: WriteCounters;
  let agent: Agent;
  let port = 0;

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedFixtures(t);
    server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as { port: number }).port;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    routes = catalogueRoutes(t.app);
    cast = await new Cast(t, f, server).setUp();
    snapshots = await new DatabaseSnapshots(t.dataSource).init();
    counters = await new WriteCounters(t.dataSource).install(snapshots.tableNames);
  }, 120_000);
  afterAll(async () => {
    agent?.destroy();
    await t?.close();
  });

  /** Sends one request on behalf of a caller's client, over a kept-alive connection. */
  const send = (kind: CallerKind, method: string, req: FuzzRequest): Promise<Answer> => {
    const client = cast.get(kind).client;
    const headers: Record<string, string> = { Accept: 'application/json', ...client.authHeaders(method) };
    if (!req.xsrf) delete headers['X-XSRF-TOKEN'];
    if (req.body) {
      headers['Content-Type'] = req.body.type;
      headers['Content-Length'] = String(Buffer.byteLength(req.body.text));
    }
    const path = req.query ? `${req.path}?${req.query}` : req.path;
    return new Promise((resolve, reject) => {
      const r = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = String(res.headers['content-type'] ?? '');
          let body: Record<string, unknown> = {};
          try {
            if (contentType.includes('json') && text) body = JSON.parse(text);
          } catch {
            body = {};
          }
          client.absorbSetCookie(res.headers['set-cookie']);
          resolve({
            status: res.statusCode ?? 0,
            contentType,
            text,
            body,
            setCookie: res.headers['set-cookie'],
          });
        });
      });
      r.on('error', reject);
      r.end(req.body ? req.body.text : undefined);
    });
  };

  /** Near-valid values per caller: the ids the caller may reach, and plausible field values. */
  const poolsFor = (kind: CallerKind): ValuePools => {
    const tenantId = kind === 'owner' || kind === 'super' || kind === 'user' ? [f.acme.id] : [f.acme.id];
    let serial = 0;
    const freshEmail = fc.integer({ min: 0, max: 1e9 }).map((n) => `fz${n}-${++serial}@fuzz.test`);
    const digits = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const ids = [cast.targets.userTypeId, cast.targets.loginId, f.acme.employee, f.globex.employee];
    return {
      params: {
        tenantId: [...tenantId, f.globex.id],
        userTypeId: [cast.targets.userTypeId, f.globex.employee],
        loginId: [cast.targets.loginId, f.gail.login],
        id: [cast.targets.tenantId],
      },
      fields: {
        email: [fc.constantFrom('lockme@steps.test', 'nobody@fuzz.test', cast.targets.email), freshEmail],
        ownerEmail: [freshEmail, fc.constant(cast.targets.email)],
        password: [fc.constantFrom(PASSWORD, 'wrong-password-123', 'x')],
        ownerPassword: [fc.constantFrom('a-long-enough-password', 'short')],
        loginId: [fc.constantFrom(...ids, ...cast.pickCandidates()), fc.uuid()],
        userTypeId: [fc.constantFrom(...ids), fc.uuid()],
        code: [
          digits(6, 6),
          fc.constantFrom('3-aaaa-bbbb-cc', 'ABCD-EFGH', 'abcd-efgh', ' 123456 '),
          fc.stringMatching(BACKUP_CODE_PATTERN),
        ],
        pin: [digits(4, 13), fc.constantFrom(CAST_PIN, '123456', '111111')],
        pinConfirmation: [digits(6, 8), fc.constantFrom(CAST_PIN)],
        currentPin: [digits(6, 8), fc.constantFrom(CAST_PIN)],
        from: [
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('2020-01-01', '2020-01-01T00:00:00Z'),
        ],
        to: [fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2030-12-31')],
        action: [fc.constantFrom('policy.', 'sign-in.failed', 'factor.', '%', '_')],
        search: [fc.constantFrom('e', 'emma', '%', '_', '\\', 'acme.test')],
      },
    };
  };

  // Defects the fuzzer found, kept as plain cases so that they stay fixed whatever the seed.
  it('refuses prototype keys at any depth with a 400 naming the field, not a 500', async () => {
    const anonymous = cast.get('anonymous').client;
    const login = await anonymous.send(
      'POST',
      ApiPaths.login,
      '{"email":"a@b.co","password":{"constructor":{"prototype":{"polluted":"yes"}}}}',
      { 'Content-Type': 'application/json' },
    );
    expect([login.status, login.body.errors?.[0]?.field]).toEqual([400, 'password']);
    const owner = cast.get('owner').client;
    for (const text of [
      '{"name":{"constructor":1}}',
      '{"__proto__":{"polluted":1},"name":"X"}',
      '{"prototype":1}',
    ]) {
      const res = await owner.send('POST', ApiPaths.userTypes(f.acme.id), text, {
        'Content-Type': 'application/json',
      });
      expect({ text, status: res.status, message: res.body.message }).toEqual({
        text,
        status: 400,
        message: expect.stringMatching(/^Invalid input: (name|__proto__|prototype)$/),
      });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a NUL character in a path id, a query or a body with a 400 naming it, on both databases', async () => {
    const owner = cast.get('owner').client;
    const answers = [
      await owner.get(`${ApiPaths.users(f.acme.id)}?search=%00`),
      await owner.send('PATCH', ApiPaths.myDevice('a\u0000b'), { name: 'Phone' }),
      await owner.send('POST', ApiPaths.userTypes(f.acme.id), { name: 'Night\u0000shift' }),
    ];
    expect(answers.map((r) => [r.status, r.body.errors?.[0]?.field])).toEqual([
      [400, 'search'],
      [400, 'deviceId'],
      [400, 'name'],
    ]);
  });

  it('checks a new PIN before the current one: a refused change leaves the failure count alone', async () => {
    const user = cast.get('user').client;
    const count = async () =>
      (await t.dataSource.getRepository(Login).findOneByOrFail({ tenantId: f.acme.id, id: f.emma.login }))
        .failedAttempts;
    expect(
      (await user.send('PUT', ApiPaths.myPin, { pin: '480263', pinConfirmation: '480263' })).status,
    ).toBe(204);
    const wrong = await user.send('PUT', ApiPaths.myPin, {
      currentPin: '999000',
      pin: '730194',
      pinConfirmation: '730194',
    });
    expect(wrong.status).toBe(401);
    expect(await count()).toBe(1);
    const trivial = await user.send('PUT', ApiPaths.myPin, {
      currentPin: '480263',
      pin: '123456',
      pinConfirmation: '123456',
    });
    expect([trivial.status, trivial.body.errors?.[0]?.field]).toEqual([400, 'pin']);
    const mismatch = await user.send('PUT', ApiPaths.myPin, {
      currentPin: '480263',
      pin: '730194',
      pinConfirmation: '730195',
    });
    expect([mismatch.status, mismatch.body.errors?.[0]?.field]).toEqual([400, 'pinConfirmation']);
    expect(await count()).toBe(1);
  });

  it(`sends at least ${MIN_REQUESTS} requests without a 5xx, an unreadable 4xx or a write by a rejection`, async () => {
    const started = Date.now();
    const failures: string[] = [];
    let sent = 0;
    let accepted = 0;
    let checkedRuns = 0;
    const byRoute = new Map<string, number>();
    const spent = { send: 0, counters: 0, cast: 0, snapshots: 0 };
    const timed = async <T>(key: keyof typeof spent, work: () => Promise<T>): Promise<T> => {
      const t0 = Date.now();
      try {
        return await work();
      } finally {
        spent[key] += Date.now() - t0;
      }
    };
    const inputOf = (r: CataloguedRoute) => r.body !== null || r.query.length > 0 || r.pathParams.length > 0;
    const plan = routes.flatMap((route) =>
      FUZZ_CALLERS.map((kind) => {
        const pass = expectedAccess(route, kind) === 'pass';
        // Public routes reach the same code for everybody but the session they end or replace:
        // anonymous callers fuzz them deeply, the others a little.
        const deep = pass && inputOf(route) && (route.access.kind !== 'public' || kind === 'anonymous');
        return { route, kind, deep, runs: pass && !inputOf(route) ? NO_INPUT_RUNS : SHALLOW_RUNS };
      }),
    );
    const deepCount = plan.filter((p) => p.deep).length;
    const shallowTotal = plan.filter((p) => !p.deep).reduce((sum, p) => sum + p.runs, 0);
    const deepRuns = Math.ceil((MIN_REQUESTS * 1.02 - shallowTotal) / deepCount);

    for (const [index, { route, kind, deep, runs }] of plan.entries()) {
      const seed = SEED + index;
      const pools = poolsFor(kind);
      await timed('cast', () => cast.restore(kind));
      const runStart: Snapshot = await timed('snapshots', () => snapshots.take());
      let runClean = true; // only rejections, and the cast untouched: the contents must be as they were
      let allowedInRun = new Set<string>();

      const property = fc.asyncProperty(requestArb(route, pools), async (req) => {
        if (!cast.intactNow(kind)) {
          await timed('cast', () => cast.restore(kind));
          runClean = false;
        }
        const before = await timed('counters', () => counters.read());
        const t0 = Date.now();
        const res = await timed('send', () => send(kind, route.method, req));
        byRoute.set(`${kind} ${route.key}`, (byRoute.get(`${kind} ${route.key}`) ?? 0) + Date.now() - t0);
        sent++;
        const grown = grownCounters(before, await timed('counters', () => counters.read()));
        const cut = (text: string) =>
          text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text;
        const where = `${kind} ${route.method} ${cut(req.path)}${req.query ? `?${cut(req.query)}` : ''} body=${req.body ? cut(req.body.text) : 'none'}`;
        const problems: string[] = [];
        if (res.status >= 500 || res.status < 200)
          problems.push(`answered ${res.status}: ${res.text.slice(0, 300)}`);
        if (res.status >= 400) {
          const message = res.body['message'];
          if (!res.contentType.includes('application/json'))
            problems.push(`4xx is not JSON: ${res.contentType}`);
          if (
            typeof message !== 'string' ||
            message.trim().length === 0 ||
            message.startsWith('[object Object]')
          )
            problems.push(`4xx without a readable message: ${res.text.slice(0, 300)}`);
          if (res.body['statusCode'] !== res.status)
            problems.push(`statusCode ${String(res.body['statusCode'])} ≠ ${res.status}`);
          const allowed = allowedChanges(route, res.status, res.body);
          const wrote = grown.filter((k) => !allowed.has(k));
          if (wrote.length)
            problems.push(`a rejected request (${res.status} ${String(message)}) wrote ${wrote.join(', ')}`);
          allowedInRun = new Set([...allowedInRun, ...allowed]);
        } else {
          accepted++;
          runClean = false;
          // A new platform floor would move every sign-in of the cast: put it back.
          if (grown.includes('platform_setting')) await timed('cast', () => cast.resetPlatformFloor());
        }
        if (({} as Record<string, unknown>)['polluted'] !== undefined)
          problems.push('Object.prototype was polluted');
        if (!cast.intact(kind, res.status, res.body, expectedAccess(route, kind) === 'pass')) {
          await timed('cast', () => cast.restore(kind));
          runClean = false;
        }
        if (problems.length) throw new Error(`${problems.join('; ')}\n    ${where}`);
      });
      const result = await fc.check(property, {
        seed,
        numRuns: deep ? deepRuns : runs,
        endOnFailure: !SHRINK,
      });
      if (result.failed) {
        const error =
          result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
        failures.push(
          `${kind} ${route.key}: ${error}\n    replay: FUZZ_SEED=${SEED} (run seed ${seed}, path ${result.counterexamplePath})`,
        );
        continue;
      }
      if (runClean) {
        // The content snapshots agree with the write counters: a run of rejections left every
        // table as it was, but for the narrow allowances its answers called for.
        checkedRuns++;
        const ignore = new Set([...allowedInRun].map((k) => SNAPSHOT_IGNORES[k]));
        const really = changedTables(runStart, await timed('snapshots', () => snapshots.take()), ignore);
        if (really.length)
          failures.push(
            `${kind} ${route.key}: rejected requests changed ${really.join(', ')} (seed ${seed})`,
          );
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // One line for the report: how much was sent, how fast, on which database.
    process.stdout.write(
      `fuzz: ${sent} requests (${accepted} accepted) on ${ON_POSTGRES ? 'PostgreSQL' : 'SQLite'} in ${seconds} s, ` +
        `${plan.length} route×caller runs, ${checkedRuns} compared by content, ${cast.remade} callers re-made, seed ${SEED}; ms ${JSON.stringify(spent)}\n`,
    );
    if (process.env['FUZZ_PROFILE'])
      process.stdout.write(
        `${JSON.stringify([...byRoute].sort((a, b) => b[1] - a[1]).slice(0, 25), null, 1)}\n`,
      );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(accepted).toBeGreaterThan(200);
    expect(checkedRuns).toBeGreaterThan(100);
  }, 400_000);
});
