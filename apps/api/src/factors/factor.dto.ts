import type { ConfirmEnrolmentRequest } from '@latchkey/contracts';
import { pinProblem } from '@latchkey/policy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { trimString } from '../common/text';

// Bodies and validators that the sign-in steps and the profile share.

/**
 * A new PIN that follows the rules (digits only, 6 to 12, not trivial), checked by the
 * validation pipe so that a bad new PIN is refused before any service work: before the current
 * PIN is checked (which would reset the login's failure count) and before any hashing.
 */
export const IsAcceptablePin = () =>
  ValidateBy({
    name: 'isAcceptablePin',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && pinProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) =>
        typeof args?.value === 'string'
          ? (pinProblem(args.value) ?? 'pin is not acceptable')
          : `${args?.property ?? 'pin'} must be a string of digits`,
    },
  });

/** The confirmation repeats the PIN exactly. */
export const RepeatsPin = () =>
  ValidateBy({
    name: 'repeatsPin',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === (args?.object as { pin?: unknown } | undefined)?.pin,
      defaultMessage: () => 'pinConfirmation must repeat the PIN exactly',
    },
  });

/** Confirming a new authenticator, at sign-in or on the profile: a code, and a name for it. */
export class ConfirmEnrolmentDto implements ConfirmEnrolmentRequest {
  @ApiProperty({ example: '123456' }) @Transform(trimString) @IsString() @MaxLength(32) code!: string;

  @ApiPropertyOptional({ example: 'Pixel 8' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  deviceName?: string;
}
