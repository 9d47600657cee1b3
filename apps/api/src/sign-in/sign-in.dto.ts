import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type {
  HandoverRequest,
  LoginRequest,
  PickLoginRequest,
  PinRequest,
  PinSetupRequest,
  TotpCodeRequest,
  UpstreamDiscoverRequest,
} from '@latchkey/contracts';
import { trimString } from '../common/text';
import { IsAcceptablePin, RepeatsPin } from '../factors/factor.dto';

/** The bodies of the sign-in steps, checked by the global validation pipe (the password's by `PasswordGuard`). */

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'sam@acme.test' })
  @Transform(trimString)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  // argon2 hashes anything, so a cap keeps a huge body from costing more than a login.
  @MaxLength(256)
  password!: string;
}

export class PickLoginDto implements PickLoginRequest {
  @ApiProperty({
    description: 'One of the loginIds the pick-login answer listed',
  })
  @IsString()
  @IsUUID('all', { message: 'loginId must be a login id from the list' })
  loginId!: string;
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

export class UpstreamDiscoverDto implements UpstreamDiscoverRequest {
  @ApiProperty({ example: 'sam@acme.test' })
  @Transform(trimString)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}
