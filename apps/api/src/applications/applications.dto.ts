import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import {
  APPLICATION_KINDS,
  MAX_APPLICATION_NAME_LENGTH,
  MAX_REDIRECT_URIS,
  redirectUriProblem,
  type ApplicationKind,
  type CreateApplicationRequest,
  type UpdateApplicationRequest,
} from '@latchkey/contracts';
import { trimString } from '../common/text';

/** The first problem of a list of redirect URIs, naming the entry; null when all are fine. */
function listProblem(value: unknown, property: string, min: number): string | null {
  if (!Array.isArray(value)) return `${property} must be a list of URLs`;
  if (value.length < min) return `${property} needs at least ${min} URL`;
  if (value.length > MAX_REDIRECT_URIS) return `${property} takes at most ${MAX_REDIRECT_URIS} URLs`;
  for (const [i, uri] of value.entries()) {
    if (typeof uri !== 'string') return `${property}[${i}] must be a URL`;
    const problem = redirectUriProblem(uri);
    if (problem) return `${property}[${i}] ${problem}`;
  }
  return new Set(value).size === value.length ? null : `${property} lists a URL twice`;
}

/** A list of redirect URIs (absolute https, or http on localhost; no fragment, no wildcard). */
const AreRedirectUris = (min: number) =>
  ValidateBy({
    name: 'areRedirectUris',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        listProblem(value, args?.property ?? 'redirectUris', min) === null,
      defaultMessage: (args?: ValidationArguments) =>
        listProblem(args?.value, args?.property ?? 'redirectUris', min) ?? 'not acceptable',
    },
  });

/** Ids of user types, or null (or absent) for every user type; the service checks they exist. */
const AreUserTypeIds = () =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_, value) => value !== null),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    MaxLength(64, { each: true }),
  );

/** Optional, but when sent it must be valid: null is not "leave as it is". */
const IfSent = () => ValidateIf((_, value) => value !== undefined);

const uriExample = ['https://hr.example.com/auth/callback'];

export class CreateApplicationDto implements CreateApplicationRequest {
  @ApiProperty({ example: 'HR portal' })
  @Transform(trimString)
  @IsString()
  @Length(1, MAX_APPLICATION_NAME_LENGTH)
  name!: string;

  @ApiProperty({ enum: APPLICATION_KINDS })
  @IsIn(APPLICATION_KINDS)
  kind!: ApplicationKind;

  @ApiProperty({ example: uriExample }) @AreRedirectUris(1) redirectUris!: string[];

  @ApiPropertyOptional({ example: ['https://hr.example.com/'] })
  @IfSent()
  @AreRedirectUris(0)
  postLogoutRedirectUris?: string[];

  @ApiPropertyOptional({ description: 'User type ids whose logins may sign in; null or absent: all' })
  @AreUserTypeIds()
  allowedUserTypeIds?: string[] | null;
}

export class UpdateApplicationDto implements UpdateApplicationRequest {
  @ApiPropertyOptional()
  @IfSent()
  @Transform(trimString)
  @IsString()
  @Length(1, MAX_APPLICATION_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional({ example: uriExample }) @IfSent() @AreRedirectUris(1) redirectUris?: string[];

  @ApiPropertyOptional() @IfSent() @AreRedirectUris(0) postLogoutRedirectUris?: string[];

  @ApiPropertyOptional({ description: 'null: every user type' })
  @AreUserTypeIds()
  allowedUserTypeIds?: string[] | null;
}
