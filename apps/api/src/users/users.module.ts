import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { FactorsModule } from '../factors/factors.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { LoginRecoveryService } from './login-recovery.service';
import { LoginLifecycleService } from './login-lifecycle.service';
import { LoginDetailService } from './login-detail.service';
import { UsersBulkService } from './users-bulk.service';
import { UsersExportService } from './users-export.service';

@Module({
  imports: [DatabaseModule, FactorsModule],
  controllers: [UsersController],
  providers: [
    UsersService,
    LoginRecoveryService,
    LoginLifecycleService,
    UsersBulkService,
    UsersExportService,
    LoginDetailService,
  ],
})
export class UsersModule {}
