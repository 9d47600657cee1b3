import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import {
  AUDIT_ACTION_LIST,
  AUDIT_SEARCH_MAX_LENGTH,
  type AuditAction,
  type AuditLogQuery,
} from '@latchkey/contracts';
import { PageNumber, PageSize } from '../common/paging';
import { trimString } from '../common/text';

export const MAX_AUDIT_PAGE_SIZE = 200;

/** One `actions=` parameter arrives as a string, several as a list: always a list. */
const asList = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? [value] : value);

export class AuditQueryDto implements AuditLogQuery {
  @ApiPropertyOptional({
    description: 'Actions to keep, each one of the audit actions; repeat the parameter for several',
    type: [String],
    enum: AUDIT_ACTION_LIST,
  })
  @IsOptional()
  @Transform(asList)
  @IsArray({ message: 'actions must be a list of audit actions' })
  @ArrayMaxSize(AUDIT_ACTION_LIST.length)
  @IsIn(AUDIT_ACTION_LIST, { each: true, message: 'actions must each be one of the audit actions' })
  actions?: AuditAction[];

  @ApiPropertyOptional({
    description: 'Part of the actor, the target, the action’s label or the details, ignoring case',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(AUDIT_SEARCH_MAX_LENGTH)
  q?: string;

  @ApiPropertyOptional({ description: 'The events where this login acted or was acted on' })
  @IsOptional()
  @IsUUID('all', { message: 'loginId must be a login id' })
  loginId?: string;

  @ApiPropertyOptional({ description: 'An action, or its start: "policy." matches every policy event' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'Part of the actor’s email' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  actor?: string;

  @ApiPropertyOptional({ description: 'Part of the target’s name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  target?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date' })
  to?: string;

  @PageNumber() page?: number;

  @PageSize(MAX_AUDIT_PAGE_SIZE) pageSize?: number;
}
