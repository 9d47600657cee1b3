import { Module } from '@nestjs/common';
import { SecretBox } from '../factors/secret-box';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';

/**
 * A tenant's own OpenID providers (DESIGN §11): the owner's connections. The secret box seals
 * their client secrets (FactorsModule keeps its own inside).
 */
@Module({
  controllers: [ConnectionsController],
  providers: [ConnectionsService, SecretBox],
  exports: [ConnectionsService],
})
export class UpstreamModule {}
