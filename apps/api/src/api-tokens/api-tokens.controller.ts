import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantRoutes, type ApiTokenCreatedAnswer, type ApiTokenView } from '@latchkey/contracts';
import { Roles } from '../common/access.decorators';
import { CurrentActor, type Actor } from '../common/current-actor.decorator';
import { CreateApiTokenDto } from './api-tokens.dto';
import { ApiTokensService } from './api-tokens.service';

/**
 * An owner's tenant API tokens. These routes name no token scope: a token can neither list, make
 * nor revoke tokens (only a signed-in owner can).
 */
@ApiTags('owner: API tokens')
@Controller(TenantRoutes.base)
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get(TenantRoutes.apiTokens)
  @Roles('owner')
  @ApiOperation({ summary: "The account's API tokens, revoked ones too (never their secret)" })
  list(@Param('tenantId') tenantId: string): Promise<ApiTokenView[]> {
    return this.tokens.list(tenantId);
  }

  @Post(TenantRoutes.apiTokens)
  @Roles('owner')
  @ApiOperation({ summary: 'Make an API token for the back end; its secret is answered once' })
  create(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Body() body: CreateApiTokenDto,
  ): Promise<ApiTokenCreatedAnswer> {
    return this.tokens.create(actor, tenantId, body);
  }

  @Delete(TenantRoutes.apiToken)
  @HttpCode(204)
  @Roles('owner')
  @ApiOperation({ summary: 'Revoke an API token: it stops working at once' })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('tokenId') tokenId: string,
  ): Promise<void> {
    return this.tokens.revoke(actor, tenantId, tokenId);
  }
}
