import { trimString } from '../common/text';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageNumber, PageSize } from '../common/paging';
import {
  PREVIEW_GROUPS,
  MAX_GRACE_DAYS,
  MAX_REMEMBER_DAYS,
  TWO_FACTOR_METHODS,
  type CreateUserTypeRequest,
  type PolicyPreviewLoginsRequest,
  type PolicyPreviewRequest,
  type PreviewGroupName,
  type RenameUserTypeRequest,
  type SetTenantPolicyRequest,
  type SetUserTypePolicyRequest,
  type TwoFactorMethod,
} from '@latchkey/contracts';

const METHOD_MESSAGE = `method must be one of ${TWO_FACTOR_METHODS.join(', ')}`;

export class SetTenantPolicyDto implements SetTenantPolicyRequest {
  @ApiProperty() @IsBoolean() mandatoryForAll!: boolean;

  @ApiProperty({ minimum: 0, maximum: MAX_GRACE_DAYS })
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_DAYS)
  graceDays!: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() signOutAffected?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() handoverEnabled?: boolean;

  @ApiPropertyOptional({ description: 'New logins type a one-time code before their first enrolment' })
  @IsOptional()
  @IsBoolean()
  enrolmentInviteRequired?: boolean;
}

export class CreateUserTypeDto implements CreateUserTypeRequest {
  @ApiProperty({ example: 'Contractor' })
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ enum: TWO_FACTOR_METHODS })
  @IsOptional()
  @IsIn(TWO_FACTOR_METHODS, { message: METHOD_MESSAGE })
  method?: TwoFactorMethod;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_GRACE_DAYS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_DAYS)
  graceDays?: number;
}

export class RenameUserTypeDto implements RenameUserTypeRequest {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 100) name!: string;
}

export class SetUserTypePolicyDto implements SetUserTypePolicyRequest {
  @ApiProperty({ enum: TWO_FACTOR_METHODS })
  @IsIn(TWO_FACTOR_METHODS, { message: METHOD_MESSAGE })
  method!: TwoFactorMethod;

  @ApiProperty({ minimum: 0, maximum: MAX_GRACE_DAYS })
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_DAYS)
  graceDays!: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() signOutAffected?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_REMEMBER_DAYS,
    description: '0 = never remember a browser',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_REMEMBER_DAYS)
  rememberDays?: number;
}

export class PreviewUserTypeChangeDto {
  @ApiProperty() @IsString() @Length(1, 64) userTypeId!: string;

  @ApiProperty({ enum: TWO_FACTOR_METHODS })
  @IsIn(TWO_FACTOR_METHODS, { message: METHOD_MESSAGE })
  method!: TwoFactorMethod;
}

export class PolicyPreviewDto implements PolicyPreviewRequest {
  @ApiPropertyOptional({ type: [PreviewUserTypeChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PreviewUserTypeChangeDto)
  userTypes?: PreviewUserTypeChangeDto[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() mandatoryForAll?: boolean;
}

export class PolicyPreviewLoginsDto extends PolicyPreviewDto implements PolicyPreviewLoginsRequest {
  @ApiProperty({ enum: PREVIEW_GROUPS })
  @IsIn(PREVIEW_GROUPS, { message: `group must be one of ${PREVIEW_GROUPS.join(', ')}` })
  group!: PreviewGroupName;

  @PageNumber() page?: number;

  @PageSize(100) pageSize?: number;
}
