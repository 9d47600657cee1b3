import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantRoutes, type ConnectionTestAnswer, type ConnectionView } from '@latchkey/contracts';
import { Roles } from '../common/access.decorators';
import { CurrentActor, type Actor } from '../common/current-actor.decorator';
import { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { ConnectionsService } from './connections.service';

/** Admin → Sign-in providers: the account's own OpenID providers. Owners only, never API tokens. */
@ApiTags('owner: sign-in providers')
@Controller(TenantRoutes.base)
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get(TenantRoutes.connections)
  @Roles('owner')
  @ApiOperation({ summary: "The account's own OpenID providers (their client secrets never shown)" })
  list(@Param('tenantId') tenantId: string): Promise<ConnectionView[]> {
    return this.connections.list(tenantId);
  }

  @Post(TenantRoutes.connections)
  @Roles('owner')
  @ApiOperation({ summary: 'Connect an OpenID provider: its client secret is sealed and never shown again' })
  create(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Body() body: CreateConnectionDto,
  ): Promise<ConnectionView> {
    return this.connections.create(actor, tenantId, body);
  }

  @Patch(TenantRoutes.connection)
  @Roles('owner')
  @ApiOperation({ summary: 'Change what is sent; an absent client secret keeps the one stored' })
  update(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('connectionId') connectionId: string,
    @Body() body: UpdateConnectionDto,
  ): Promise<ConnectionView> {
    return this.connections.update(actor, tenantId, connectionId, body);
  }

  @Delete(TenantRoutes.connection)
  @HttpCode(204)
  @Roles('owner')
  @ApiOperation({ summary: 'Remove a sign-in provider' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('connectionId') connectionId: string,
  ): Promise<void> {
    return this.connections.remove(actor, tenantId, connectionId);
  }

  @Post(TenantRoutes.connectionTest)
  @HttpCode(200)
  @Roles('owner')
  @ApiOperation({ summary: "Read the issuer's discovery document and say what is wrong, or what was found" })
  test(
    @Param('tenantId') tenantId: string,
    @Param('connectionId') connectionId: string,
  ): Promise<ConnectionTestAnswer> {
    return this.connections.test(tenantId, connectionId);
  }
}
