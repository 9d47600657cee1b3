import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app/create-app';
import { unlockCommand } from './cli/unlock-command';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { underStartupLock } from './database/startup-lock';
import { DEMO_PROVIDER, DEMO_SAMPLE_APP } from './seed/demo-data';
import { SeedService, type FirstRunSignIns } from './seed/seed.service';

/** `main.js migrate` (all pending) or `main.js migrate:down` (the newest one); `main.js unlock EMAIL`. */
async function migrate(config: AppConfig, direction: 'up' | 'down'): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    if (direction === 'up') {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      console.log(ran.length ? `Applied: ${ran.map((m) => m.name).join(', ')}` : 'Schema is up to date');
    } else {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the newest migration');
    }
  } finally {
    await dataSource.destroy();
  }
}

function banner(config: AppConfig, url: string, firstRun: FirstRunSignIns | null): string {
  const lines = [
    '',
    `  Latchkey is running at ${url}`,
    `  API docs: ${url}api/docs · health: ${url}api/health`,
    `  OpenID provider for the tenants' applications: ${config.publicUrl}/oidc/.well-known/openid-configuration`,
    `  Database: ${config.embedded ? `SQLite ${config.sqlitePath}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (config.demo)
    lines.push(`  Sample application of Acme, signing in through Latchkey: ${DEMO_SAMPLE_APP.url}/`);
  if (config.demo && config.demoProviderUrl)
    lines.push(
      `  Acme's stand-in identity provider: ${config.demoProviderUrl} (type an @acme.test email on the sign-in page, then "Continue with ${DEMO_PROVIDER.name}")`,
    );
  if (!config.consoleDir)
    lines.push('  No built console found: run `npm start` (it builds it) or `npx nx build console`.');
  if (firstRun) {
    lines.push(
      '',
      `  Demo sign-ins (shown once; the password is also kept in ${config.dataDir}/secrets.json):`,
    );
    for (const email of firstRun.emails) lines.push(`    ${email}`);
    lines.push(`  Password for all of them: ${firstRun.password}`);
    lines.push('  sam@acme.test has two logins (Employee and Manager) and is asked to pick one.');
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }

  const command = process.argv[2];
  if (command === 'migrate' || command === 'migrate:down') {
    await underStartupLock(config, () => migrate(config, command === 'migrate' ? 'up' : 'down'));
    return;
  }

  if (command === 'unlock') {
    const email = process.argv[3];
    if (!email) {
      console.error('Usage: npm run latchkey -- unlock EMAIL');
      process.exit(2);
    }
    process.exitCode = await unlockCommand(config, email, (line) => console.log(line));
    return;
  }

  const { app, firstRun } = await underStartupLock(config, async () => {
    const app = await createApp(config);
    const seed = app.get(SeedService);
    await seed.ensureSuperUser();
    return { app, firstRun: await seed.seedDemo() };
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${config.port}/`;
  process.stdout.write(banner(config, url, firstRun));
}

main().catch((e: unknown) => {
  Logger.error(e instanceof Error ? e.stack : e, 'Startup');
  process.exit(1);
});
