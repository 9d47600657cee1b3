import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PlatformRoutes,
  TenantRoutes,
  type AccountOverview,
  type PlatformOverview,
} from '@latchkey/contracts';
import { Roles, TokenScope } from '../common/access.decorators';
import { OverviewService } from './overview.service';

@ApiTags('owner: overview')
@Controller(TenantRoutes.base)
export class AccountOverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get(TenantRoutes.overview)
  @Roles('owner')
  @TokenScope('users:read')
  @ApiOperation({ summary: 'Per user type: who must use which method, enrolled, in grace, overdue, locked' })
  account(@Param('tenantId') tenantId: string): Promise<AccountOverview> {
    return this.overview.account(tenantId);
  }
}

@ApiTags('platform')
@Controller(PlatformRoutes.base)
export class PlatformOverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get(PlatformRoutes.overview)
  @Roles('super')
  @ApiOperation({ summary: 'Per tenant and in all: who must use which method and where they stand' })
  platform(): Promise<PlatformOverview> {
    return this.overview.platform();
  }
}
