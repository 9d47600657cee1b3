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
exit $failed
