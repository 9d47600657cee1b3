import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SIGN_IN_STATES, type PendingSignInState, type Role } from '@latchkey/contracts';
import { ACCESS_KEY, type AccessRule } from '../src/common/access.decorators';
import { EXPIRED_MESSAGE } from '../src/common/access.guard';
import { registeredRoutes } from './harness';

/** A field of a body or query string, as the OpenAPI document describes it. */
export interface FieldSchema {
  name: string;
  required: boolean;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  /** For arrays of objects: the item's fields. */
  items?: FieldSchema[];
}

/** One registered route with the access it declares and the shape of its input. */
export interface CataloguedRoute {
  method: string;
  /** Express path, with `:param`s. */
  path: string;
  key: string;
  access: AccessRule;
  handler: string;
  pathParams: string[];
  body: FieldSchema[] | null;
  query: FieldSchema[];
}

/** The pending states of libs/contracts: a new state shows up here without editing a list. */
export const PENDING_STATES = SIGN_IN_STATES.filter(
  (s): s is PendingSignInState => s !== 'signed-out' && s !== 'signed-in',
);

/** The kinds of caller the sweep and the fuzzer use. */
export type CallerKind =
  | 'anonymous'
  | `pending:${PendingSignInState}`
  | 'user'
  | 'foreignOwner'
  | 'owner'
  | 'super';

export const CALLER_KINDS: CallerKind[] = [
  'anonymous',
  ...PENDING_STATES.map((s) => `pending:${s}` as const),
  'user',
  'foreignOwner',
  'owner',
  'super',
];

/** What the access gate must do with a caller on a route. */
export type Expected = 'pass' | 401 | 403 | 404;

/**
 * The answer the access rule implies (access.decorators.ts), for a caller whose tenant is
 * `ownTenant` when the route's `:tenantId` is the owner's tenant. foreignOwner is an owner of
 * another tenant than the one in the path.
 */
export function expectedAccess(route: CataloguedRoute, caller: CallerKind): Expected {
  const rule = route.access;
  if (rule.kind === 'public') return 'pass';
  if (rule.kind === 'step') {
    return caller.startsWith('pending:') && rule.stages.includes(caller.slice(8) as PendingSignInState)
      ? 'pass'
      : 401;
  }
  if (caller === 'anonymous' || caller.startsWith('pending:')) return 401;
  const role: Role = caller === 'user' ? 'user' : caller === 'super' ? 'super' : 'owner';
  if (!rule.roles.includes(role)) return 403;
  if (route.pathParams.includes('tenantId') && caller === 'foreignOwner') return 404;
  return 'pass';
}

/** The gate's own refusals (access.guard.ts): a route's answer is the gate's when it is one of these. */
export const GATE_MESSAGES: Record<401 | 403 | 404, string[]> = {
  401: ['No sign-in is waiting for this step', 'Not signed in', 'Finish signing in first', EXPIRED_MESSAGE],
  403: ['Your role may not do this', 'This route declares no access rule'],
  404: ['No such tenant'],
};

/** Whether an answer is a refusal by the access gate (rather than by validation or a service). */
export function isGateRefusal(status: number, message: unknown): boolean {
  return (
    (status === 401 || status === 403 || status === 404) &&
    typeof message === 'string' &&
    GATE_MESSAGES[status].includes(message)
  );
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function fieldsOf(doc: OpenAPIObject, schema: unknown, depth = 0): FieldSchema[] | null {
  let s = schema as Record<string, unknown> | undefined;
  if (!s) return null;
  const ref = s['$ref'] as string | undefined;
  if (ref) s = doc.components?.schemas?.[ref.split('/').pop() as string] as Record<string, unknown>;
  if (!s || depth > 3) return null;
  const properties = (s['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((s['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, p]) => {
    const itemSchema = p['items'] as Record<string, unknown> | undefined;
    return {
      name,
      required: required.has(name),
      type: p['type'] as string | undefined,
      enum: p['enum'] as unknown[] | undefined,
      nullable: p['nullable'] as boolean | undefined,
      minimum: p['minimum'] as number | undefined,
      maximum: p['maximum'] as number | undefined,
      items: itemSchema?.['$ref'] ? (fieldsOf(doc, itemSchema, depth + 1) ?? undefined) : undefined,
    };
  });
}

/**
 * Every route express registered under /api (read from the running app, not listed here), with
 * the access rule its handler declares (read with Nest's Reflector, as the guard reads it) and
 * its body and query fields (read from the OpenAPI document the app serves).
 */
export function catalogueRoutes(app: INestApplication): CataloguedRoute[] {
  const registered = registeredRoutes(app).filter(
    (r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'),
  );
  const reflector = new Reflector();
  const handlers = new Map<string, { access: AccessRule | undefined; handler: string }>();
  const join = (...parts: string[]) =>
    '/' +
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/');
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const fn = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const access = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
          fn as () => void,
          type,
        ]);
        const info = { access, handler: `${type.name}.${name}` };
        // The global prefix applies to all but the routes excluded from it (health): try both.
        handlers.set(`${RequestMethod[verb]} ${join('api/v1', base, sub)}`, info);
        handlers.set(`${RequestMethod[verb]} ${join(base, sub)}`, info);
      }
    }
  }
  const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  return registered.map((r) => {
    const key = `${r.method} ${r.path}`;
    const found = handlers.get(key);
    if (!found) throw new Error(`No Nest handler found for the registered route ${key}`);
    if (!found.access) throw new Error(`${key} (${found.handler}) declares no access rule`);
    const operation = doc.paths[toOpenApiPath(r.path)]?.[r.method.toLowerCase() as 'get'] as unknown as
      | {
          requestBody?: { content?: Record<string, { schema?: unknown }> };
          parameters?: Array<{
            name: string;
            in: string;
            required?: boolean;
            schema?: Record<string, unknown>;
          }>;
        }
      | undefined;
    const bodySchema = operation?.requestBody?.content?.['application/json']?.schema;
    const query = (operation?.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => ({
        name: p.name,
        required: !!p.required,
        type: p.schema?.['type'] as string | undefined,
        enum: p.schema?.['enum'] as unknown[] | undefined,
        minimum: p.schema?.['minimum'] as number | undefined,
        maximum: p.schema?.['maximum'] as number | undefined,
      }));
    return {
      method: r.method,
      path: r.path,
      key,
      access: found.access,
      handler: found.handler,
      pathParams: [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]),
      body: bodySchema ? fieldsOf(doc, bodySchema) : null,
      query,
    };
  });
}
