import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import {
  MAX_CONNECTION_DOMAINS,
  MAX_CONNECTION_NAME_LENGTH,
  MAX_CONNECTION_SCOPES,
  MAX_TRUST_MAX_AGE_SECONDS,
  MAX_TRUST_VALUES,
  MIN_TRUST_MAX_AGE_SECONDS,
  SCOPE_TOKEN_PATTERN,
  UPSTREAM_TRUST_MODES,
  emailDomainProblem,
  issuerProblem,
  type CreateConnectionRequest,
  type UpdateConnectionRequest,
  type UpstreamTrust,
  type UpstreamTrustMode,
} from '@latchkey/contracts';
import { trimString } from '../common/text';

/** A rule of a whole value, its message naming the property and what is wrong (null: fine). */
const Rule = (name: string, problem: (value: unknown, property: string, object: object) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        problem(value, args?.property ?? name, args?.object ?? {}) === null,
      defaultMessage: (args?: ValidationArguments) =>
        problem(args?.value, args?.property ?? name, args?.object ?? {}) ?? 'not acceptable',
    },
  });

/** Trims, and lower-cases the strings of a list (domains are compared as stored). */
const lowerList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value;

/** Trims the strings of a list, leaving anything else for the validators to refuse. */
const trimList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

/** The first problem of a list of strings, naming the entry; null when all are fine. */
function listProblem(
  value: unknown,
  property: string,
  { min, max, what, entry }: { min: number; max: number; what: string; entry: (s: string) => string | null },
): string | null {
  if (!Array.isArray(value)) return `${property} must be a list of ${what}s`;
  if (value.length < min) return `${property} needs at least ${min} ${what}`;
  if (value.length > max) return `${property} takes at most ${max} ${what}s`;
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string') return `${property}[${i}] must be a ${what}`;
    const problem = entry(item);
    if (problem) return `${property}[${i}] ${problem}`;
  }
  return new Set(value).size === value.length ? null : `${property} lists a ${what} twice`;
}

const token = (s: string) =>
  SCOPE_TOKEN_PATTERN.test(s) ? null : 'must be printable characters without spaces or quotes';

const IsIssuer = () =>
  Rule('isIssuer', (value, property) => {
    if (typeof value !== 'string') return `${property} must be a URL`;
    if (value.length > 2000) return `${property} must be at most 2000 characters`;
    const problem = issuerProblem(value);
    return problem ? `${property} ${problem}` : null;
  });

const AreDomains = () =>
  applyDecorators(
    Transform(lowerList),
    Rule('areEmailDomains', (value, property) =>
      listProblem(value, property, {
        min: 1,
        max: MAX_CONNECTION_DOMAINS,
        what: 'domain',
        entry: emailDomainProblem,
      }),
    ),
  );

const AreScopes = () =>
  applyDecorators(
    Transform(trimList),
    Rule('areScopes', (value, property) => {
      const problem = listProblem(value, property, {
        min: 1,
        max: MAX_CONNECTION_SCOPES,
        what: 'scope',
        entry: token,
      });
      if (problem) return problem;
      return (value as string[]).includes('openid') ? null : `${property} must include openid`;
    }),
  );

const AreTrustValues = () =>
  applyDecorators(
    Transform(trimList),
    Rule('areTrustValues', (value, property, object) => {
      const problem = listProblem(value, property, {
        min: 0,
        max: MAX_TRUST_VALUES,
        what: 'value',
        entry: token,
      });
      if (problem) return problem;
      // Trusting the provider's MFA needs a proof to trust: one amr or acr value at least.
      const trust = object as Partial<UpstreamTrust>;
      const none = (v: unknown) => !Array.isArray(v) || v.length === 0;
      return property === 'amrValues' &&
        trust.mode === 'trust-mfa' &&
        none(trust.amrValues) &&
        none(trust.acrValues)
        ? 'amrValues or acrValues must name at least one value when trusting the provider\u2019s MFA'
        : null;
    }),
  );

/** Ids of user types, or null (or absent) for every user type; the service checks they exist. */
const AreUserTypeIds = () =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_, value) => value !== null),
    IsArray(),
    ArrayMinSize(1, { message: 'allowedUserTypeIds needs at least one user type, or null for every type' }),
    ArrayMaxSize(100),
    ArrayUnique({ message: 'allowedUserTypeIds lists a user type twice' }),
    IsString({ each: true }),
    MaxLength(64, { each: true }),
  );

/** Optional, but when sent it must be valid: null is not "leave as it is". */
const IfSent = () => ValidateIf((_, value) => value !== undefined);

/** How far the provider's sign-ins are trusted to have met the second factor. */
export class UpstreamTrustDto implements UpstreamTrust {
  @ApiProperty({ enum: UPSTREAM_TRUST_MODES })
  @IsIn(UPSTREAM_TRUST_MODES, { message: `mode must be one of ${UPSTREAM_TRUST_MODES.join(', ')}` })
  mode!: UpstreamTrustMode;

  @ApiProperty({ example: ['mfa', 'otp'], description: 'amr values any one of which proves MFA' })
  @AreTrustValues()
  amrValues!: string[];

  @ApiProperty({ example: [], description: 'acr values that prove MFA' })
  @AreTrustValues()
  acrValues!: string[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: MIN_TRUST_MAX_AGE_SECONDS,
    maximum: MAX_TRUST_MAX_AGE_SECONDS,
    description: 'Only an MFA at most this many seconds old (auth_time); null or absent: any age',
  })
  @IsOptional()
  @IsInt({ message: 'maxAuthAgeSeconds must be a whole number of seconds' })
  @Min(MIN_TRUST_MAX_AGE_SECONDS)
  @Max(MAX_TRUST_MAX_AGE_SECONDS)
  maxAuthAgeSeconds!: number | null;
}

const TrustField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: UpstreamTrustDto, description: "Absent: always ask Latchkey's factor" }),
    IfSent(),
    IsObject({ message: 'trust must be an object with mode, amrValues, acrValues and maxAuthAgeSeconds' }),
    ValidateNested(),
    Type(() => UpstreamTrustDto),
  );

const NameField = () =>
  applyDecorators(Transform(trimString), IsString(), Length(1, MAX_CONNECTION_NAME_LENGTH));

/** What an OAuth client id or secret may hold: visible ASCII and spaces (RFC 6749's VSCHAR). */
const VSCHAR = /^[\x20-\x7e]+$/;
const ClientIdField = () =>
  applyDecorators(
    Transform(trimString),
    IsString(),
    Length(1, 255),
    Matches(VSCHAR, { message: 'clientId may hold only printable ASCII characters' }),
  );
const ClientSecretField = () =>
  applyDecorators(
    Transform(trimString),
    IsString(),
    Length(1, 1000),
    Matches(VSCHAR, { message: 'clientSecret may hold only printable ASCII characters' }),
  );

const issuerExample = 'https://login.acme.example';
const domainsExample = ['acme.example'];

export class CreateConnectionDto implements CreateConnectionRequest {
  @ApiProperty({ example: 'Acme SSO', maxLength: MAX_CONNECTION_NAME_LENGTH }) @NameField() name!: string;

  @ApiProperty({ example: issuerExample }) @Transform(trimString) @IsIssuer() issuer!: string;

  @ApiProperty({ example: 'latchkey' }) @ClientIdField() clientId!: string;

  @ApiProperty({ description: 'Sealed at rest, never shown again' })
  @ClientSecretField()
  clientSecret!: string;

  @ApiPropertyOptional({
    example: ['openid', 'email', 'profile'],
    description: 'Absent: openid email profile',
  })
  @IfSent()
  @AreScopes()
  scopes?: string[];

  @ApiProperty({ example: domainsExample }) @AreDomains() emailDomains!: string[];

  @ApiPropertyOptional({ description: 'User type ids whose logins may use it; null or absent: all' })
  @AreUserTypeIds()
  allowedUserTypeIds?: string[] | null;

  @TrustField() trust?: UpstreamTrustDto;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'null or absent: no just-in-time logins',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  jitUserTypeId?: string | null;

  @ApiPropertyOptional({ description: 'Absent: true' }) @IfSent() @IsBoolean() passwordAllowed?: boolean;

  @ApiPropertyOptional({ description: 'Absent: true' }) @IfSent() @IsBoolean() enabled?: boolean;
}

export class UpdateConnectionDto implements UpdateConnectionRequest {
  @ApiPropertyOptional() @IfSent() @NameField() name?: string;

  @ApiPropertyOptional({ example: issuerExample })
  @IfSent()
  @Transform(trimString)
  @IsIssuer()
  issuer?: string;

  @ApiPropertyOptional() @IfSent() @ClientIdField() clientId?: string;

  @ApiPropertyOptional({ description: 'A new secret; absent keeps the one stored' })
  @IfSent()
  @ClientSecretField()
  clientSecret?: string;

  @ApiPropertyOptional({ example: ['openid', 'email'] }) @IfSent() @AreScopes() scopes?: string[];

  @ApiPropertyOptional({ example: domainsExample }) @IfSent() @AreDomains() emailDomains?: string[];

  @ApiPropertyOptional({ description: 'null: every user type' }) @AreUserTypeIds() allowedUserTypeIds?:
    | string[]
    | null;

  @TrustField() trust?: UpstreamTrustDto;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: no just-in-time logins' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  jitUserTypeId?: string | null;

  @ApiPropertyOptional() @IfSent() @IsBoolean() passwordAllowed?: boolean;

  @ApiPropertyOptional() @IfSent() @IsBoolean() enabled?: boolean;
}
