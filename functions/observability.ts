import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** One logger and one metrics sink per container. */
export const logger = new Logger({ serviceName: 'helpdesk' });
export const metrics = new Metrics({ namespace: 'Helpdesk', serviceName: 'helpdesk' });
