import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  TenantRoutes,
  type BulkAnswer,
  type CreateLoginAnswer,
  type LoginDetail,
  type Page,
  type ResetAnswer,
  type UserRow,
} from '@latchkey/contracts';
import { Roles, TokenScope } from '../common/access.decorators';
import { CurrentActor, type Actor } from '../common/current-actor.decorator';
import {
  BulkRequestDto,
  CreateLoginDto,
  SetExceptionDto,
  UpdateLoginDto,
  UserFilterDto,
  UserListQueryDto,
} from './users.dto';
import { LoginDetailService } from './login-detail.service';
import { UsersBulkService } from './users-bulk.service';
import { UsersExportService } from './users-export.service';
import { UsersService } from './users.service';
import { LoginRecoveryService } from './login-recovery.service';
import { LoginLifecycleService } from './login-lifecycle.service';

@ApiTags('owner: users')
@Controller(TenantRoutes.base)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly recovery: LoginRecoveryService,
    private readonly lifecycle: LoginLifecycleService,
    private readonly bulk: UsersBulkService,
    private readonly exports: UsersExportService,
    private readonly details: LoginDetailService,
  ) {}

  @Get(TenantRoutes.usersExport)
  @Roles('owner')
  @TokenScope('users:read')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The filtered Users list as CSV, every page' })
  export(@Param('tenantId') tenantId: string, @Query() filter: UserFilterDto): Promise<StreamableFile> {
    return this.exports.csv(tenantId, filter);
  }

  @Post(TenantRoutes.usersBulk)
  @HttpCode(200)
  @Roles('owner')
  @TokenScope('users:write')
  @ApiOperation({
    summary:
      'Reset, unlock, set or clear an exception, or sign out the selected logins or the whole filtered set; answers per login',
  })
  runBulk(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Body() body: BulkRequestDto,
  ): Promise<BulkAnswer> {
    return this.bulk.run(actor, tenantId, body);
  }

  // The console's panel only: its recent events are the audit log's, which tokens never read.
  @Get(TenantRoutes.userDetail)
  @Roles('owner')
  @ApiOperation({
    summary: 'A login’s devices, PIN, backup codes, last sign-in, lock, exception and recent events',
  })
  detail(@Param('tenantId') tenantId: string, @Param('loginId') loginId: string): Promise<LoginDetail> {
    return this.details.detail(tenantId, loginId);
  }

  @Get(TenantRoutes.users)
  @Roles('owner')
  @TokenScope('users:read')
  @ApiOperation({ summary: 'Logins with their effective method and why; search, filters, sorting, paging' })
  list(@Param('tenantId') tenantId: string, @Query() query: UserListQueryDto): Promise<Page<UserRow>> {
    return this.users.list(tenantId, query);
  }

  @Post(TenantRoutes.users)
  @Roles('owner')
  @TokenScope('users:write')
  @ApiOperation({ summary: 'Create a login; a generated initial password is answered once' })
  create(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Body() body: CreateLoginDto,
  ): Promise<CreateLoginAnswer> {
    return this.users.create(actor, tenantId, body);
  }

  @Patch(TenantRoutes.user)
  @Roles('owner')
  @TokenScope('users:write')
  @ApiOperation({
    summary:
      'Change a login’s name or user type; deactivate it (signed out everywhere, applications included) or reactivate it',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('loginId') loginId: string,
    @Body() body: UpdateLoginDto,
  ): Promise<UserRow> {
    return this.lifecycle.update(actor, tenantId, loginId, body);
  }

  @Post(TenantRoutes.reset)
  @HttpCode(200)
  @Roles('owner')
  @TokenScope('users:write')
  @ApiOperation({
    summary: 'Lost phone: remove factors, sign out everywhere; answers a one-time handover code',
  })
  reset(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('loginId') loginId: string,
  ): Promise<ResetAnswer> {
    return this.recovery.reset(actor, tenantId, loginId);
  }

  @Post(TenantRoutes.unlock)
  @HttpCode(200)
  @Roles('owner', 'super')
  @TokenScope('users:write')
  @ApiOperation({
    summary: 'Unlock a login locked after failed attempts (super users: any tenant, and the platform)',
  })
  unlock(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('loginId') loginId: string,
  ): Promise<UserRow> {
    return this.recovery.unlock(actor, tenantId, loginId);
  }

  @Put(TenantRoutes.exception)
  @Roles('owner')
  @TokenScope('users:write')
  @ApiOperation({ summary: 'Set or remove the per-user exception (never below a floor)' })
  setException(
    @CurrentActor() actor: Actor,
    @Param('tenantId') tenantId: string,
    @Param('loginId') loginId: string,
    @Body() body: SetExceptionDto,
  ): Promise<UserRow> {
    return this.users.setException(actor, tenantId, loginId, body);
  }
}
