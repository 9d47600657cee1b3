import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type {
  ChangePinRequest,
  OwnTwoFactorRequest,
  RegenerateBackupCodesRequest,
  RenameDeviceRequest,
} from '@latchkey/contracts';
import { trimString } from '../common/text';
import { IsAcceptablePin, RepeatsPin } from '../factors/factor.dto';

export class RenameDeviceDto implements RenameDeviceRequest {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 100) name!: string;
}

export class ChangePinDto implements ChangePinRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) currentPin?: string;
  @ApiProperty() @IsString() @MaxLength(64) @IsAcceptablePin() pin!: string;
  @ApiProperty() @IsString() @MaxLength(64) @RepeatsPin() pinConfirmation!: string;
}

export class CodeDto implements RegenerateBackupCodesRequest {
  @ApiProperty() @Transform(trimString) @IsString() @MaxLength(32) code!: string;
}

export class OwnTwoFactorDto implements OwnTwoFactorRequest {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiProperty() @Transform(trimString) @IsString() @MaxLength(32) code!: string;
}
