import { RequestMethod, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json } from 'express';
import session from 'express-session';
import { DataSource } from 'typeorm';
import { API_PREFIX, HealthRoutes, SESSION_COOKIE } from '@latchkey/contracts';
import { SIGNED_IN_IDLE_MS } from '../sign-in/sign-in-session';
import { databaseUnavailable } from '../common/database-unavailable';
import { HttpExceptionFilter, unreadableBody } from '../common/http-exception.filter';
import { globalValidationPipe } from '../common/validation';
import { xsrfProtection } from '../common/xsrf.middleware';
import type { AppConfig } from '../config/app-config';
import { TypeOrmSessionStore } from '../database/typeorm-session-store';
import { OIDC_PATH, OidcProvider } from '../oidc/oidc-provider';
import { AppModule } from './app.module';
import { answerClientErrors } from './client-errors';
import { withErrorCodes } from './openapi-errors';
import { consolePages, securityHeaders } from './security-headers';

const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** Builds the whole API, ready to listen: the same for `npm start` and for the tests. */
export async function createApp(
  config: AppConfig,
  logger: LogLevel[] | false = ['error', 'warn'],
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const store = new TypeOrmSessionStore(app.get(DataSource));
  setInterval(() => store.prune().catch(() => undefined), PRUNE_EVERY_MS).unref();
  const sessions = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      path: '/',
      maxAge: SIGNED_IN_IDLE_MS,
    },
  });
  // An application's confirmed logout ends the console's session too (see oidc-pages.ts).
  app.use(`${OIDC_PATH}/session/end`, sessions);
  // The OpenID provider parses its own requests; it comes before the console's pages. Its first
  // request loads it (oidc-provider is not loaded at boot: issue 14).
  app.use(OIDC_PATH, app.get(OidcProvider).callback);
  if (config.consoleDir) app.use(consolePages(config.consoleDir));
  app.use('/api', json({ limit: '64kb' }), unreadableBody);
  app.use('/api', cookieParser());
  app.use('/api', sessions);
  app.use('/api', databaseUnavailable);
  app.use('/api', xsrfProtection(config.sessionSecret, 'auto'));

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: HealthRoutes.path, method: RequestMethod.GET }],
  });
  app.useGlobalPipes(globalValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());

  const openApi = new DocumentBuilder()
    .setTitle('Latchkey')
    .setDescription('Per-tenant, per-user-type second factors. Sign-in is a small state machine.')
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE)
    .build();
  SwaggerModule.setup('api/docs', app, () => withErrorCodes(SwaggerModule.createDocument(app, openApi)));

  answerClientErrors(app.getHttpServer());
  await app.init();
  return app;
}
