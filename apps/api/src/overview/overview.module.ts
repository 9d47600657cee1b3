import { Module } from '@nestjs/common';
import { AccountOverviewController, PlatformOverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

@Module({
  controllers: [AccountOverviewController, PlatformOverviewController],
  providers: [OverviewService],
})
export class OverviewModule {}
