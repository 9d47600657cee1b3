#!/usr/bin/env bash
# Proves that the module-boundary rules bite: each probe is a wrong import that lint must refuse.
set -euo pipefail
cd "$(dirname "$0")/.."

probes=(
  "apps/console/src/app/zz-boundary-probe.ts|import { createApp } from '../../../api/src/app/create-app';
export const probe = createApp;"
  "libs/policy/src/lib/zz-boundary-probe.ts|import { Injectable } from '@angular/core';
export const probe = Injectable;"
  "libs/contracts/src/lib/zz-boundary-probe.ts|import { Controller } from '@nestjs/common';
export const probe = Controller;"
  "libs/contracts/src/lib/zz-boundary-probe-2.ts|import { methodRank } from '@latchkey/policy';
export const probe = methodRank;"
  "apps/api/src/factors/zz-boundary-probe.ts|import { SignInService } from '../sign-in/sign-in.service';
export const probe = SignInService;"
  "apps/api/src/me/zz-boundary-probe.service.ts|import type { Request } from 'express';
export type Probe = Request;"
  "apps/api/src/factors/zz-boundary-probe-2.ts|import type { Response } from 'express';
export type Probe = Response;"
  "apps/console/src/app/profile/zz-boundary-probe.ts|import { SignInFlow } from '../sign-in/sign-in-flow';
export const probe = SignInFlow;"
  "apps/console/src/app/shell/zz-boundary-probe.ts|import { AuditLogPage } from '../admin/audit-log/audit-log-page';
export const probe = AuditLogPage;"
  "apps/sample-app/src/zz-boundary-probe.ts|import { ApiPaths } from '@latchkey/contracts';
export const probe = ApiPaths;"
)

cleanup() { for p in "${probes[@]}"; do rm -f "${p%%|*}"; done; }
trap cleanup EXIT

failed=0
for p in "${probes[@]}"; do
  file="${p%%|*}"
  printf '%s\n' "${p#*|}" > "$file"
  if out=$(npx eslint --no-warn-ignored "$file" 2>&1); then
    echo "NOT REFUSED: $file"; failed=1
  elif grep -qE 'enforce-module-boundaries|no-restricted-imports' <<<"$out"; then
    echo "refused as it should be: $file"
  else
    echo "lint failed for another reason on $file:"; echo "$out"; failed=1
  fi
  rm -f "$file"
done
# One owner per table: the check passes as the tree stands, and refuses a write elsewhere.
if ! node tools/check-table-owners.mjs; then failed=1; fi
probe=apps/api/src/me/zz-table-owner-probe.ts
printf '%s\n' "import type { EntityManager } from 'typeorm';" "import { Login } from '../directory/login.entity';" \
  "export const probe = (m: EntityManager) => m.update(Login, { id: 'x' }, { failedAttempts: 0 });" > "$probe"
if node tools/check-table-owners.mjs >/dev/null 2>&1; then
  echo "NOT REFUSED: $probe (a login write outside LoginStore)"; failed=1
else
  echo "refused as it should be: $probe"
fi
rm -f "$probe"
exit $failed
