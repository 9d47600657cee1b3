import { trimString } from '../common/text';
import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest, PickLoginRequest } from '@latchkey/contracts';

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
