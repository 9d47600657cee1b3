import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TenantRoutes, type AuditEventView, type Page } from '@latchkey/contracts';
import { Roles } from '../common/access.decorators';
import { AuditLogService } from './audit-log.service';
import { AuditQueryDto } from './audit.dto';

@ApiTags('owner: audit')
@Controller(TenantRoutes.base)
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @Get(TenantRoutes.audit)
  @Roles('owner', 'super')
  @Header('Vary', 'Accept')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'The tenant’s audit log, newest first; CSV with Accept: text/csv' })
  async list(
    @Param('tenantId') tenantId: string,
    @Query() query: AuditQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Page<AuditEventView> | string> {
    // JSON unless the caller prefers CSV (a bare */* gets JSON).
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv')
      return this.log.page(tenantId, query);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="latchkey-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    return this.log.csv(tenantId, query);
  }
}
