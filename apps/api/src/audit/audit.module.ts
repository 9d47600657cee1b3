import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { AuditController, PlatformAuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController, PlatformAuditController],
  providers: [AuditService, AuditLogService],
  exports: [AuditService, AuditLogService],
})
export class AuditModule {}
