import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuditQuery } from '@latchkey/contracts';
import { PageNumber, PageSize } from '../common/paging';

export const MAX_AUDIT_PAGE_SIZE = 200;

export class AuditQueryDto implements AuditQuery {
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
