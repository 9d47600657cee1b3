import { Module } from '@nestjs/common';
import { FactorsModule } from '../factors/factors.module';
import { SecretBox } from '../factors/secret-box';
import { SeedService } from './seed.service';

@Module({
  imports: [FactorsModule],
  providers: [SeedService, SecretBox],
  exports: [SeedService],
})
export class SeedModule {}
