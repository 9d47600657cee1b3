import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import {
  API_TOKEN_SCOPES,
  MAX_API_TOKEN_NAME_LENGTH,
  type ApiTokenScope,
  type CreateApiTokenRequest,
} from '@latchkey/contracts';
import { trimString } from '../common/text';

export class CreateApiTokenDto implements CreateApiTokenRequest {
  @ApiProperty({ example: 'HR sync', maxLength: MAX_API_TOKEN_NAME_LENGTH })
  @Transform(trimString)
  @IsString()
  @Length(1, MAX_API_TOKEN_NAME_LENGTH)
  name!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true, example: ['users:read', 'users:write'] })
  @IsArray({ message: 'scopes must be a list of scopes' })
  @ArrayMinSize(1, { message: 'scopes needs at least one scope' })
  @ArrayMaxSize(API_TOKEN_SCOPES.length, { message: 'scopes lists too many scopes' })
  @ArrayUnique({ message: 'scopes lists a scope twice' })
  @IsIn(API_TOKEN_SCOPES, { each: true, message: `scopes may hold only ${API_TOKEN_SCOPES.join(', ')}` })
  scopes!: ApiTokenScope[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the token stops working (in the future); absent or null: never',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: 'expiresAt must be a date and time in ISO 8601, like 2027-01-31T23:59:59Z' },
  )
  expiresAt?: string | null;
}
