import { Controller, Get, Header, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PlatformRoutes, TenantRoutes, type AuditPage } from '@latchkey/contracts';
import { Roles } from '../common/access.decorators';
import { PreferredAuditFormat } from './audit-format.decorator';
import { AuditLogService, type AuditFormat } from './audit-log.service';
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
  list(
    @Param('tenantId') tenantId: string,
    @Query() query: AuditQueryDto,
    @PreferredAuditFormat() format: AuditFormat,
  ): Promise<AuditPage | StreamableFile> {
    return this.log.read(tenantId, query, format);
  }
}

@ApiTags('platform')
@Controller(PlatformRoutes.base)
export class PlatformAuditController {
  constructor(private readonly log: AuditLogService) {}

  @Get(PlatformRoutes.audit)
  @Roles('super')
  @Header('Vary', 'Accept')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'The platform’s audit log (events without a tenant), newest first; CSV with Accept: text/csv',
  })
  list(
    @Query() query: AuditQueryDto,
    @PreferredAuditFormat() format: AuditFormat,
  ): Promise<AuditPage | StreamableFile> {
    return this.log.read(null, query, format);
  }
}
