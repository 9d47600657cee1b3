import { Global, Module } from '@nestjs/common';
import { DirectoryService } from './directory.service';

@Global()
@Module({
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
