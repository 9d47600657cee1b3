import { Module } from '@nestjs/common';
import { ApplicationsController, PlatformApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';

/** A tenant's applications, the OpenID Connect clients that sign its users in (DESIGN §10). */
@Module({
  controllers: [ApplicationsController, PlatformApplicationsController],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
