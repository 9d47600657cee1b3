import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import type {
  ConfirmEnrolmentRequest,
  HandoverRequest,
  PinRequest,
  PinSetupRequest,
  TotpCodeRequest,
} from '@latchkey/contracts';
import { trimString } from '../common/text';

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
  @ApiProperty() @IsString() @MaxLength(64) pin!: string;
  @ApiProperty() @IsString() @MaxLength(64) pinConfirmation!: string;
}

export class HandoverDto implements HandoverRequest {
  @ApiProperty({ example: 'ABCD-EFGH' }) @Transform(trimString) @IsString() @MaxLength(32) code!: string;
}

export class PinDto implements PinRequest {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() rememberBrowser?: boolean;

  @ApiProperty() @IsString() @MaxLength(64) pin!: string;
}
