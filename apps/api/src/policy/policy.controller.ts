import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  TenantRoutes,
  type Page,
  type PolicyPreviewAnswer,
  type PreviewLoginRow,
  type TenantPolicyView,
  type UserTypeView,
} from '@latchkey/contracts';
import { Roles, TokenScope } from '../common/access.decorators';
import { CurrentActor, type Actor } from '../common/current-actor.decorator';
import {
  CreateUserTypeDto,
  PolicyPreviewDto,
  RenameUserTypeDto,
  SetTenantPolicyDto,
  SetUserTypePolicyDto,
  PolicyPreviewLoginsDto,
} from './policy.dto';
import { PolicyPreviewService } from './policy-preview.service';
import { PolicyService } from './policy.service';

@ApiTags('owner: policy')
@Controller(TenantRoutes.base)
export class PolicyController {
  constructor(
    private readonly policy: PolicyService,
    private readonly previews: PolicyPreviewService,
  ) {}

  @Get(TenantRoutes.policy)
  @Roles('owner')
  @TokenScope('policy:read')
  @ApiOperation({ summary: 'The tenant’s policy: feature switch, floors, "mandatory for all"' })
  tenantPolicy(@Param('tenantId') tenantId: string): Promise<TenantPolicyView> {
    return this.policy.tenantPolicy(tenantId);
  }

  @Put(TenantRoutes.policy)
  @Roles('owner')
  @TokenScope('policy:write')
  @ApiOperation({ summary: 'Make 2FA mandatory for every user of the tenant, or not' })
  setTenantPolicy(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Body() body: SetTenantPolicyDto,
  ): Promise<TenantPolicyView> {
    return this.policy.setTenantPolicy(actor, tenantId, body);
  }

  @Post(TenantRoutes.preview)
  @HttpCode(200)
  @Roles('owner')
  @TokenScope('policy:read')
  @ApiOperation({ summary: 'Who a proposed change affects, and how many will have to enrol' })
  preview(@Param('tenantId') tenantId: string, @Body() body: PolicyPreviewDto): Promise<PolicyPreviewAnswer> {
    return this.previews.preview(tenantId, body);
  }

  @Post(TenantRoutes.previewLogins)
  @HttpCode(200)
  @Roles('owner')
  // Names and emails: the people directory's scope, not the policy's.
  @TokenScope('users:read')
  @ApiOperation({
    summary:
      'One group of a preview by name (must enrol, already compliant, asked less, browsers forgotten), paged',
  })
  previewLogins(
    @Param('tenantId') tenantId: string,
    @Body() body: PolicyPreviewLoginsDto,
  ): Promise<Page<PreviewLoginRow>> {
    return this.previews.logins(tenantId, body);
  }

  @Get(TenantRoutes.userTypes)
  @Roles('owner')
  @TokenScope('policy:read')
  @ApiOperation({ summary: 'User types with their policy and login counts' })
  userTypes(@Param('tenantId') tenantId: string): Promise<UserTypeView[]> {
    return this.policy.userTypes(tenantId);
  }

  @Post(TenantRoutes.userTypes)
  @Roles('owner')
  @TokenScope('policy:write')
  @ApiOperation({ summary: 'Create a user type' })
  createUserType(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Body() body: CreateUserTypeDto,
  ): Promise<UserTypeView> {
    return this.policy.createUserType(actor, tenantId, body);
  }

  @Patch(TenantRoutes.userType)
  @Roles('owner')
  @TokenScope('policy:write')
  @ApiOperation({ summary: 'Rename a user type' })
  renameUserType(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('userTypeId') userTypeId: string,
    @Body() body: RenameUserTypeDto,
  ): Promise<UserTypeView> {
    return this.policy.renameUserType(actor, tenantId, userTypeId, body);
  }

  @Delete(TenantRoutes.userType)
  @HttpCode(204)
  @Roles('owner')
  @TokenScope('policy:write')
  @ApiOperation({ summary: 'Remove a user type that no login has (409 while logins have it)' })
  deleteUserType(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('userTypeId') userTypeId: string,
  ): Promise<void> {
    return this.policy.deleteUserType(actor, tenantId, userTypeId);
  }

  @Put(TenantRoutes.userTypePolicy)
  @Roles('owner')
  @TokenScope('policy:write')
  @ApiOperation({ summary: 'Set the method and grace of a user type (one row, any number of users)' })
  setUserTypePolicy(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('userTypeId') userTypeId: string,
    @Body() body: SetUserTypePolicyDto,
  ): Promise<UserTypeView> {
    return this.policy.setUserTypePolicy(actor, tenantId, userTypeId, body);
  }
}
