import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses';
import { HealthResponseDto } from './health.responses';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @Public()
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false }) // its 503 schema is not what this route sends (ErrorResponse)
  @ApiOkResponse({ type: HealthResponseDto, description: 'The database answers' })
  @ApiErrors()
  async check() {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
    } catch (e) {
      // the same 503 and Retry-After as any request that cannot reach the database
      if (e instanceof ServiceUnavailableException)
        throw new DomainError(ErrorCode.DatabaseUnavailable, 'The database does not answer.');
      throw e;
    }
  }
}
