import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PlatformRoutes,
  TenantRoutes,
  type ApplicationCreatedAnswer,
  type ApplicationView,
} from '@latchkey/contracts';
import { Roles } from '../common/access.decorators';
import { CurrentActor, type Actor } from '../common/current-actor.decorator';
import { CreateApplicationDto, UpdateApplicationDto } from './applications.dto';
import { ApplicationsService } from './applications.service';

@ApiTags('owner: applications')
@Controller(TenantRoutes.base)
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(TenantRoutes.applications)
  @Roles('owner')
  @ApiOperation({ summary: "The account's applications (OpenID Connect clients)" })
  list(@Param('tenantId') tenantId: string): Promise<ApplicationView[]> {
    return this.applications.list(tenantId);
  }

  @Post(TenantRoutes.applications)
  @Roles('owner')
  @ApiOperation({ summary: 'Register an application; a confidential one gets its client secret, shown once' })
  create(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Body() body: CreateApplicationDto,
  ): Promise<ApplicationCreatedAnswer> {
    return this.applications.create(actor, tenantId, body);
  }

  @Patch(TenantRoutes.application)
  @Roles('owner')
  @ApiOperation({ summary: 'Change the name, redirect URIs or allowed user types' })
  update(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('applicationId') applicationId: string,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.update(actor, tenantId, applicationId, body);
  }

  @Post(TenantRoutes.applicationSecret)
  @HttpCode(200)
  @Roles('owner')
  @ApiOperation({ summary: 'A new client secret, shown once; the old one stops working' })
  rotateSecret(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('applicationId') applicationId: string,
  ): Promise<ApplicationCreatedAnswer> {
    return this.applications.rotateSecret(actor, tenantId, applicationId);
  }

  @Delete(TenantRoutes.application)
  @HttpCode(204)
  @Roles('owner')
  @ApiOperation({ summary: 'Delete an application' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('applicationId') applicationId: string,
  ): Promise<void> {
    return this.applications.remove(actor, tenantId, applicationId);
  }
}

@ApiTags('platform')
@Controller(PlatformRoutes.base)
export class PlatformApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(PlatformRoutes.applications)
  @Roles('super')
  @ApiOperation({ summary: "Every tenant's applications" })
  list(): Promise<ApplicationView[]> {
    return this.applications.listAll();
  }
}
