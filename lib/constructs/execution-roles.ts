import { RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ExecutionRolesProps {
  /**
   * How long the shared log groups keep function logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log groups when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** What functions of one permission set share: the execution role and the log group it may write. */
export interface ExecutionRole {
  readonly role: Role;
  readonly logGroup: LogGroup;
}

/**
 * One execution role and one log group per distinct permission set, shared by every function
 * that has that set, instead of a role, a policy and a log group per function: three resources
 * for each of 60 functions took the stack past CloudFormation's 500 resources a template.
 *
 * A permission set is what a function is granted beyond the X-Ray and log writes every function
 * has: the table (or not) and its manifest `needs`, plus a key for anything granted to one
 * function alone (a queue consumer's receive and delete on its own queue is `consumer:<queue>`),
 * so two functions share a role only when they would hold identical policies anyway: least
 * privilege is unchanged. Grants made through a function (`table.grant(fn)`, capabilities) land on
 * the shared role; identical statements are merged, not repeated.
 *
 * Lambda names each function in its log streams when log groups are shared
 * (`YYYY/MM/DD/<function name>[<version>]<instance>`), so a shared group still says which function
 * logged what; the role writes its own group only.
 */
export class ExecutionRoles extends Construct {
  private readonly roles = new Map<string, ExecutionRole>();

  constructor(scope: Construct, id: string, private readonly props: ExecutionRolesProps = {}) {
    super(scope, id);
  }

  /** The role and log group of `permissionSet` (order and repeats do not matter), made on first use. */
  for(permissionSet: { table: boolean; grants: readonly string[] }): ExecutionRole {
    const grants = [...new Set(permissionSet.grants)].sort();
    const key = [permissionSet.table ? 'Table' : 'NoTable', ...grants.map(pascal)].join('-');
    let shared = this.roles.get(key);
    if (!shared) {
      const scope = new Construct(this, key);
      const what = [permissionSet.table ? 'the table' : 'no table', ...grants].join(', ');
      const logGroup = new LogGroup(scope, 'Logs', {
        retention: this.props.logRetention ?? RetentionDays.ONE_MONTH,
        removalPolicy: this.props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      const role = new Role(scope, 'Role', {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `Helpdesk functions granted ${what}`.slice(0, 1000),
      });
      logGroup.grantWrite(role); // instead of AWSLambdaBasicExecutionRole's logs:* on every group
      shared = { role, logGroup };
      this.roles.set(key, shared);
    }
    return shared;
  }

  /** How many distinct permission sets (roles) there are so far. */
  get size(): number {
    return this.roles.size;
  }
}

const pascal = (name: string) => name.replace(/(^|[-_.:])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());
