import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses';
import { HealthResponseDto } from './health.responses';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SessionRevocations } from '../accounts/session-revocations';
import { ReadReplicas } from '../database/read-replicas';
import { LiveHub } from '../live/live-hub.service';
import { Public } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly replicas: ReadReplicas,
    private readonly hub: LiveHub,
    private readonly revocations: SessionRevocations,
  ) {}

  @Public()
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false }) // its 503 schema is not what this route sends (ErrorResponse)
  @ApiOkResponse({
    type: HealthResponseDto,
    description:
      'The database answers. Also, never failing the check: each read replica (state, lag, reads served; a replica ' +
      'that is down or lags is skipped, its reads go to the primary) and the two LISTEN connections (while one is down ' +
      'the caches it keeps true — sessions, delegates’ access — are not used, and answers are slower, not wrong).',
  })
  @ApiErrors()
  async check() {
    try {
      return await this.health.check([
        () => this.db.pingCheck('database', { timeout: 3000 }),
        () => this.readReplicas(),
        () => this.listeners(),
      ]);
    } catch (e) {
      // the same 503 and Retry-After as any request that cannot reach the database
      if (e instanceof ServiceUnavailableException)
        throw new DomainError(ErrorCode.DatabaseUnavailable, 'The database does not answer.');
      throw e;
    }
  }

  /** Each replica as the last check saw it, named by position (host names are not for a public route). */
  private readReplicas() {
    const replicas = this.replicas.status().map((r, i) => ({
      name: `replica-${i + 1}`,
      state: r.state,
      lagMs: r.lagMs,
      reads: r.reads,
    }));
    return this.indicators.check('readReplicas').up({
      configured: replicas.length,
      serving: replicas.filter((r) => r.state === 'up').length,
      replicas,
    });
  }

  private listeners() {
    const state = (up: boolean) => (up ? 'up' : 'down');
    return this.indicators
      .check('listeners')
      .up({ events: state(this.hub.isListening), sessions: state(this.revocations.listening) });
  }
}
