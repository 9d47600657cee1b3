import { Module } from '@nestjs/common';
import { FactorsModule } from '../factors/factors.module';
import { SeedService } from './seed.service';

@Module({
  imports: [FactorsModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
