import { trimString } from '../common/text';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  TWO_FACTOR_METHODS,
  type CreateTenantRequest,
  type PlatformFloorRequest,
  type TwoFactorMethod,
  type UpdateTenantRequest,
  MAX_GRACE_DAYS,
} from '@latchkey/contracts';

const METHOD_MESSAGE = `must be one of ${TWO_FACTOR_METHODS.join(', ')}`;

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ example: 'Globex' }) @Transform(trimString) @IsString() @Length(1, 200) name!: string;

  @ApiProperty()
  @Transform(trimString)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'ownerEmail must be an email address' })
  ownerEmail!: string;

  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 200) ownerDisplayName!: string;

  @ApiPropertyOptional({ description: 'At least 12 characters; generated and answered once when absent' })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  ownerPassword?: string;
}

export class UpdateTenantDto implements UpdateTenantRequest {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() twoFactorEnabled?: boolean;

  @ApiPropertyOptional({
    enum: TWO_FACTOR_METHODS,
    nullable: true,
    description: 'null or off removes the floor',
  })
  @IsOptional()
  @IsIn(TWO_FACTOR_METHODS, { message: `floor ${METHOD_MESSAGE}, or null` })
  floor?: TwoFactorMethod | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_GRACE_DAYS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_DAYS)
  floorGraceDays?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() suspended?: boolean;
}

export class PlatformFloorDto implements PlatformFloorRequest {
  @ApiProperty({ enum: TWO_FACTOR_METHODS, description: 'off removes the floor' })
  @IsIn(TWO_FACTOR_METHODS, { message: `method ${METHOD_MESSAGE}` })
  method!: TwoFactorMethod;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_GRACE_DAYS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_DAYS)
  graceDays?: number;
}
