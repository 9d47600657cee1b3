import { pinProblem } from '@latchkey/policy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { Transform } from 'class-transformer';
import type {
  ConfirmEnrolmentRequest,
  HandoverRequest,
  PinRequest,
  PinSetupRequest,
  TotpCodeRequest,
} from '@latchkey/contracts';
import { trimString } from '../common/text';

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

export class ConfirmEnrolmentDto implements ConfirmEnrolmentRequest {
  @ApiProperty({ example: '123456' }) @Transform(trimString) @IsString() @MaxLength(32) code!: string;

  @ApiPropertyOptional({ example: 'Pixel 8' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  deviceName?: string;
}

export class TotpCodeDto implements TotpCodeRequest {
  @ApiPropertyOptional({ description: 'Skip the code in this browser for the days the user type allows' })
  @IsOptional()
  @IsBoolean()
  rememberBrowser?: boolean;

  @ApiProperty({ description: '6 digits from the app, or a backup code like 3-k7qp-2m4x-hc' })
  @Transform(trimString)
  @IsString()
  @MaxLength(32)
  code!: string;
}

export class PinSetupDto implements PinSetupRequest {
  @ApiProperty() @IsString() @MaxLength(64) @IsAcceptablePin() pin!: string;
  @ApiProperty() @IsString() @MaxLength(64) @RepeatsPin() pinConfirmation!: string;
}

export class HandoverDto implements HandoverRequest {
  @ApiProperty({ example: 'ABCD-EFGH' }) @Transform(trimString) @IsString() @MaxLength(32) code!: string;
}

export class PinDto implements PinRequest {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() rememberBrowser?: boolean;

  @ApiProperty() @IsString() @MaxLength(64) pin!: string;
}
