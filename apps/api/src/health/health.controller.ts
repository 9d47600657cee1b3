import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HealthRoutes, type HealthAnswer } from '@latchkey/contracts';
import { Public } from '../common/access.decorators';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(HealthRoutes.path)
  @Public()
  @ApiOperation({ summary: 'Readiness, including the database' })
  async health(): Promise<HealthAnswer> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up' };
    } catch {
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database does not answer',
      });
    }
  }
}
