import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PlatformRoutes,
  type CreateTenantAnswer,
  type LockedLoginRow,
  type PlatformFloorView,
  type TenantOwnerRow,
  type TenantSummary,
} from '@latchkey/contracts';
import { Roles } from '../common/access.decorators';
import { CurrentActor, type Actor } from '../common/current-actor.decorator';
import { LockedLoginsService } from './locked-logins.service';
import { CreateTenantDto, PlatformFloorDto, UpdateTenantDto } from './platform.dto';
import { PlatformService } from './platform.service';

@ApiTags('platform')
@Controller(PlatformRoutes.base)
export class PlatformController {
  constructor(
    private readonly platform: PlatformService,
    private readonly locked: LockedLoginsService,
  ) {}

  @Get(PlatformRoutes.tenants)
  @Roles('super')
  @ApiOperation({ summary: 'Tenants with their feature switch, floor and counts' })
  tenants(): Promise<TenantSummary[]> {
    return this.platform.tenants();
  }

  @Get(PlatformRoutes.tenantOwners)
  @Roles('super')
  @ApiOperation({ summary: 'A tenant’s owners, with their last sign-in' })
  owners(@Param('id') id: string): Promise<TenantOwnerRow[]> {
    return this.platform.owners(id);
  }

  @Post(PlatformRoutes.tenants)
  @Roles('super')
  @ApiOperation({ summary: 'Create a tenant with its first owner' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTenantDto): Promise<CreateTenantAnswer> {
    return this.platform.createTenant(actor, body);
  }

  @Patch(PlatformRoutes.tenant)
  @Roles('super')
  @ApiOperation({ summary: 'Switch 2FA on or off, set the tenant’s floor, suspend' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: UpdateTenantDto,
  ): Promise<TenantSummary> {
    return this.platform.updateTenant(actor, id, body);
  }

  @Get(PlatformRoutes.floor)
  @Roles('super')
  @ApiOperation({ summary: 'The floor for every tenant' })
  floor(): Promise<PlatformFloorView> {
    return this.platform.floor();
  }

  @Put(PlatformRoutes.floor)
  @Roles('super')
  @ApiOperation({ summary: 'Set the floor for every tenant (off removes it)' })
  setFloor(@CurrentActor() actor: Actor, @Body() body: PlatformFloorDto): Promise<PlatformFloorView> {
    return this.platform.setFloor(actor, body);
  }

  @Get(PlatformRoutes.lockedLogins)
  @Roles('super')
  @ApiOperation({
    summary: 'Logins locked now in any tenant or the platform, by tenant name then email (at most 500)',
  })
  lockedLogins(): Promise<LockedLoginRow[]> {
    return this.locked.list();
  }
}
