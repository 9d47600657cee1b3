import { readConfig } from './config';
import { createSampleApp } from './sample-app';

/** `node dist/apps/sample-app/main.js`: the sample application on SAMPLE_APP_PORT (3001). */
function main(): void {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const server = createSampleApp(config).listen(config.port, config.host, () => {
    process.stdout.write(
      `\n  Sample application (Acme HR) at ${config.baseUrl}/ · signs in through ${config.issuer} as client ${config.clientId}\n\n`,
    );
  });
  server.on('error', (e) => {
    console.error(`The sample application cannot listen on ${config.host}:${config.port}: ${e.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
