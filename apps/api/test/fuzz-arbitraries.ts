import fc from 'fast-check';
import type { CataloguedRoute, FieldSchema } from './route-catalogue';

/** One generated request, as it goes on the wire. */
export interface FuzzRequest {
  /** Path with its parameters filled in, percent-encoded. */
  path: string;
  /** Query string without the `?`, as sent ('' for none). */
  query: string;
  /** Raw body text and its content type; null sends no body. */
  body: { text: string; type: string } | null;
  /** Whether to send the XSRF header (a few requests leave it out). */
  xsrf: boolean;
}

/** Values a near-valid request draws from, so that it gets past validation to the services. */
export interface ValuePools {
  /** Per path parameter name: ids that exist (or matter) for the caller. */
  params: Record<string, string[]>;
  /** Per body or query field name: plausible values. */
  fields: Record<string, Array<fc.Arbitrary<unknown>>>;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const MAX_URL = 8_000;

/** JSON text from key/value-text pairs, so that keys like __proto__ are sent as they are. */
const objectText = (entries: Array<[string, string]>) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

const json = (v: unknown) => JSON.stringify(v) ?? 'null';

/** Strings that tend to break things: empty, blanks, NUL, huge, unicode, lone surrogates. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u0000\u0000\u0000\u0000\u0000\u0000',
    '%',
    "'; DROP TABLE login; --",
    '%_\\',
    '\u202e\u200b\ufeff',
    '\ud800',
    'x'.repeat(5_000),
    'é'.repeat(1_000),
    '😀'.repeat(500),
    '1'.repeat(400),
    'null',
    'undefined',
    '[object Object]',
    '2024-02-30',
    '0000-01-01',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 20 }).map((s) => s + '\u0000'),
);

/** A JSON value's text of the wrong kind for almost any field. */
export const nastyValueText: fc.Arbitrary<string> = fc.oneof(
  nastyString.map(json),
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-1',
    '-0',
    '1.5',
    '1e400',
    '-1e400',
    '9007199254740993',
    '123456789012345678901234567890',
    '[]',
    '{}',
    '[null]',
    '[[[[[[[[[[]]]]]]]]]]',
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '["a","b"]',
  ),
  fc.integer().map(json),
  fc.double().map(json),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }).map(json),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }).map(json),
);

function validValue(field: FieldSchema, pools: ValuePools): fc.Arbitrary<unknown> {
  const pooled = pools.fields[field.name];
  if (field.enum) return fc.constantFrom(...field.enum, ...(field.nullable ? [null] : []));
  if (field.items) return fc.array(validObject(field.items, pools), { maxLength: 3 });
  if (field.type === 'boolean') return fc.boolean();
  if (field.type === 'number' || field.type === 'integer')
    return fc.integer({ min: field.minimum ?? 0, max: field.maximum ?? 1_000 });
  if (pooled && pooled.length) return fc.oneof(...pooled);
  return fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });
}

/** A value text for a field: mostly plausible, sometimes nasty. */
function fieldText(field: FieldSchema, pools: ValuePools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: validValue(field, pools).map(json) },
    { weight: 2, arbitrary: nastyValueText },
  );
}

function validObject(fields: FieldSchema[], pools: ValuePools): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, validValue(f, pools)])), {
    requiredKeys: fields.filter((f) => f.required).map((f) => f.name),
  });
}

const extraKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS, 'isSuperUser', 'role', 'tenantId', 'id', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 12 }),
);

/** A body that names the route's fields (some missing, some wrong), and maybe extra ones. */
function nearValidBodyText(fields: FieldSchema[], pools: ValuePools): fc.Arbitrary<string> {
  const present = fields.map((f) =>
    fc.option(
      fieldText(f, pools).map((v) => [f.name, v] as [string, string]),
      {
        freq: f.required ? 12 : 2,
      },
    ),
  );
  const extras = fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as Array<[string, string]>) },
    { weight: 1, arbitrary: fc.array(fc.tuple(extraKey, nastyValueText), { minLength: 1, maxLength: 2 }) },
  );
  return fc
    .tuple(fc.tuple(...present), extras)
    .map(([own, more]) => objectText([...own.filter((x): x is [string, string] => x !== null), ...more]));
}

function bodyArb(route: CataloguedRoute, pools: ValuePools): fc.Arbitrary<FuzzRequest['body']> {
  const asJson = (text: string) => ({ text, type: 'application/json' });
  const fields = route.body ?? [];
  return fc.oneof(
    { weight: 12, arbitrary: nearValidBodyText(fields, pools).map(asJson) },
    { weight: 2, arbitrary: nastyValueText.map(asJson) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"a":',
          '{',
          '[',
          '"',
          '{"__proto__":',
          'nul',
          '\u0000',
          '{"a":1}garbage',
          '{"a":"\\ud800"}',
        )
        .map(asJson),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        text: fc.constantFrom('email=a@b.c&password=x', 'hello', '<xml/>'),
        type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml'),
      }),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as the bytes a client would send
  }
};

/** A path segment: an id that exists for the caller, or something that is not one. */
function segmentArb(name: string, pools: ValuePools): fc.Arbitrary<string> {
  const known = pools.params[name] ?? [];
  const odd = fc.oneof(
    fc.uuid(),
    fc.constantFrom(
      '%00',
      'a%00b',
      '__proto__',
      'constructor',
      'prototype',
      '%E0%A4%A',
      '%',
      '..%2F..%2Fplatform',
      '-1',
      '0',
      '1e309',
      'null',
      '%F0%9F%98%80',
      'x'.repeat(2_000),
      '%C3%A9'.repeat(200),
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encode),
  );
  return known.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: odd })
    : odd;
}

function queryArb(route: CataloguedRoute, pools: ValuePools): fc.Arbitrary<string> {
  const known = route.query.map((f) =>
    fc
      .oneof(
        {
          weight: 4,
          arbitrary: validValue(f, pools).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
        },
        { weight: 2, arbitrary: nastyString },
      )
      .map((v) => `${encode(f.name)}=${encode(v)}`),
  );
  const odd = fc.oneof(
    fc.constantFrom(
      '__proto__[polluted]=yes',
      'constructor[prototype][polluted]=yes',
      '__proto__=x',
      'page=1&page=2',
      'search[]=a',
      'search[a]=b',
      'pageSize=1e3',
      'page=-0',
      'page=0x10',
      'page=99999999999999999999',
      'from=%E0%A4%A',
      'x=%00',
      'a=' + 'b'.repeat(3_000),
      '&&&',
      '=',
    ),
    fc
      .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
      .map(([k, v]) => `${encode(k)}=${encode(v)}`),
  );
  const parts = known.length
    ? fc.array(fc.oneof({ weight: 4, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: odd }), {
        maxLength: 6,
      })
    : fc.array(odd, { maxLength: 2 });
  return parts.map((p) => p.join('&'));
}

/** Requests for one route: its path parameters, query string and body, near-valid and not. */
export function requestArb(route: CataloguedRoute, pools: ValuePools): fc.Arbitrary<FuzzRequest> {
  const segments = route.pathParams.map((name) => segmentArb(name, pools));
  return fc
    .record({
      segments: fc.tuple(...segments),
      query: fc.oneof(
        { weight: route.query.length ? 6 : 1, arbitrary: queryArb(route, pools) },
        { weight: 2, arbitrary: fc.constant('') },
      ),
      body: route.method === 'GET' ? fc.constant(null) : bodyArb(route, pools),
      xsrf: fc.oneof(
        { weight: 30, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    })
    .map(({ segments: values, query, body, xsrf }) => {
      let i = 0;
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => values[i++] as string);
      // Node's HTTP parser refuses a request head over 16 KB with a bare 431 before the app sees
      // it (and browsers and proxies cap URLs near 8 KB): generated URLs stay under MAX_URL.
      let q = query;
      while (path.length + q.length > MAX_URL && q.includes('&')) q = q.slice(0, q.lastIndexOf('&'));
      if (path.length + q.length > MAX_URL) q = q.slice(0, Math.max(0, MAX_URL - path.length));
      return { path, query: q, body, xsrf };
    });
}
