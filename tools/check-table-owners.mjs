// One owner per table: every write to these tables is in its owner's file. Reads are anyone's.
// Run: node tools/check-table-owners.mjs (exit 1 and the offending lines when a write is elsewhere).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'apps/api/src');

// entity class, table name, the files that may write it (below apps/api/src)
const owners = [
  ['Login', 'login', ['directory/login-store.ts']],
  ['Tenant', 'tenant', ['directory/tenant-store.ts']],
  ['UserType', 'user_type', ['directory/tenant-store.ts']],
  ['Identity', 'identity', ['directory/directory.service.ts']],
  ['TotpDevice', 'totp_device', ['factors/authenticator.service.ts']],
  ['TotpUsedStep', 'totp_used_step', ['factors/authenticator.service.ts']],
  ['BackupCode', 'backup_code', ['factors/backup-codes.service.ts']],
  ['RememberedBrowser', 'remembered_browser', ['factors/remembered-browsers.ts']],
  ['PasswordThrottleRow', 'password_throttle', ['factors/password-throttle.ts']],
  ['SessionRow', 'session', ['database/typeorm-session-store.ts', 'database/sessions.service.ts']],
  // Revocation records why; the store's prune forgets the records after a day.
  ['EndedSessionRow', 'ended_session', ['database/sessions.service.ts', 'database/typeorm-session-store.ts']],
  ['AuditEvent', 'audit_event', ['audit/audit.service.ts']],
  // The demo registers its sample application (with its fixed, well-known id) in the seed.
  ['Application', 'application', ['applications/applications.service.ts', 'seed/seed.service.ts']],
  ['OidcPayloadRow', 'oidc_payload', ['oidc/oidc-adapter.ts']],
  ['ApiToken', 'api_token', ['api-tokens/api-tokens.service.ts']],
  // The demo connects Acme to its stand-in provider (fixed id) in the seed.
  ['UpstreamConnection', 'upstream_connection', ['upstream/connections.service.ts', 'seed/seed.service.ts']],
  ['UpstreamLink', 'upstream_link', ['sign-in/upstream-sign-in.service.ts']],
];

const writes = (entity, table) => [
  // manager.update(Login, …), createQueryBuilder().update(Login), manager.insert(Login, …)
  new RegExp(`\\b(update|insert|delete|save|upsert|softDelete|increment|decrement)\\(\\s*${entity}\\b`),
  // getRepository(Login).update(…)
  new RegExp(
    `getRepository\\(\\s*${entity}\\s*\\)\\s*\\.(update|insert|delete|save|upsert|increment|decrement)\\b`,
  ),
  // createQueryBuilder().delete().from(Login)
  new RegExp(`\\.delete\\(\\)\\s*\\.from\\(\\s*${entity}\\b`),
  // SQL written by hand
  new RegExp(`\\b(UPDATE|INSERT INTO|DELETE FROM)\\s+"?${table}"?\\b`),
];

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'migrations') yield* sources(path);
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) yield path;
  }
}

const found = [];
for (const file of sources(src)) {
  const rel = relative(src, file);
  const text = readFileSync(file, 'utf8');
  for (const [entity, table, allowed] of owners) {
    if (allowed.includes(rel)) continue;
    for (const pattern of writes(entity, table)) {
      const match = pattern.exec(text);
      if (match) {
        const line = text.slice(0, match.index).split('\n').length;
        found.push(`apps/api/src/${rel}:${line}: writes ${table} — only ${allowed.join(' or ')} may`);
      }
    }
  }
}
if (found.length) {
  console.error(`Table owners: ${found.length} write(s) outside the owner:\n${found.join('\n')}`);
  process.exit(1);
}
console.log(`Table owners: every write to ${owners.map((o) => o[1]).join(', ')} is in its owner's file.`);
