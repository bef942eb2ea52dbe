import { createHash } from 'crypto';
import { CfnResource, CustomResource, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { logicalIdsIn, logicalIdsUsedBy, ResourceFact, TemplateFacts } from './facts';
import { linksOf, readStatements } from './links';
import { TIP_VERIFICATION, TIP_VERIFICATION_ATTRIBUTES, VerificationLink } from '../private/contracts/tip-verification';
import { afterPreparing, permitAtSynthesis, TipProvider } from '../private/provider';

export interface TipVerificationProps {
  /**
   * What to verify: every link of a trust chain built under this construct, by this library or
   * with raw L1 resources (a `TipUseCase`, or a whole stack). It must be in the verification's stack.
   */
  readonly chain: IConstruct;

  /**
   * Whether a missing link fails the deployment. When false, the deployment goes on and the
   * report (`report`) says what is missing.
   *
   * @default true
   */
  readonly failOnMissingLink?: boolean;
}

/** The chain as the verification sees it: its links, a hash of its resources, and the resources to run after. */
interface Plan {
  readonly links: VerificationLink[];
  readonly hash: string;
  readonly after: CfnResource[];
}

/**
 * Checks the deployed trust chain: a custom resource that runs after every resource of the
 * chain and makes read-only calls to confirm that each link exists as deployed. The
 * application is enabled with its grants, authentication method, scopes and assignment
 * setting; the token issuer has its URL and claim mapping; the Athena workgroup, Lake
 * Formation configuration, Redshift IdC application, S3 Access Grants association and
 * QuickSight propagation are in place for the chain's instance. It also checks what AWS
 * documents as prerequisites outside the stack: the Identity Center instance is reachable in
 * the stack's Region (its own Region, or an additional Region of a multi-Region instance), and
 * QuickSight is subscribed with IAM Identity Center on the same instance.
 *
 * A missing link fails the deployment with the link and the fix, or, with
 * `failOnMissingLink: false`, only goes into `report`. The checks run again whenever anything
 * in the chain's template changes; during a rollback they only report, so a rollback never fails.
 * The verification's function has its own role, whose policy holds read actions only.
 */
export class TipVerification extends Construct {
  /** What the verification found, one sentence per missing link, or the links it confirmed. */
  public readonly report: string;

  private readonly resource: CustomResource;
  private readonly chain: IConstruct;
  private computed?: Plan;

  constructor(scope: Construct, id: string, props: TipVerificationProps) {
    super(scope, id);
    if (Stack.of(props.chain) !== Stack.of(this)) {
      throw new Error(`${this.node.path}: chain must be in the verification's stack ${Stack.of(this).node.path} (got ${props.chain.node.path})`);
    }
    this.chain = props.chain;
    const provider = TipProvider.of(this, 'verification');
    this.resource = provider.customResource(this, 'Resource', TIP_VERIFICATION, {
      Links: afterPreparing(() => this.plan().links),
      FailOnMissingLink: props.failOnMissingLink ?? true,
      ChainHash: afterPreparing(() => this.plan().hash),
    });
    this.report = this.resource.getAttString(TIP_VERIFICATION_ATTRIBUTES.report);
    permitAtSynthesis(provider, this.resource, () => readStatements(Stack.of(this), this.plan().links),
      'Lake Formation, DescribeRedshiftIdcApplications and ListIdentityPropagationConfigs have no resource type: IAM allows only "*"');

    // The chain is read when the app is validated: after every aspect and after CloudFormation
    // references between stacks are settled, so what it reads is what the template will say.
    this.node.addValidation({
      validate: () => {
        const cfn = this.resource.node.defaultChild as CfnResource;
        for (const resource of this.plan().after) cfn.addResourceDependency(resource);
        return [];
      },
    });
  }

  private plan(): Plan {
    return this.computed ??= this.readChain();
  }

  private readChain(): Plan {
    const facts = TemplateFacts.of(this.chain, construct => construct instanceof TipVerification || construct instanceof TipProvider);
    const links = linksOf(facts);
    const template = facts.resources.map(r => ({ [r.logicalId]: { Type: r.type, Properties: r.properties } }));
    const own = Stack.of(this).getLogicalId(this.resource.node.defaultChild as CfnResource);
    const readers = readersOf(own, facts.resources);
    // What the links refer to, CloudFormation already orders before the verification.
    const referenced = logicalIdsIn(links);
    return {
      links,
      hash: createHash('sha256').update(JSON.stringify(template)).digest('hex'),
      // A resource of the chain that reads the report (or uses one that does) runs after the verification, not before.
      after: [...new Set(facts.resources.filter(r => !readers.has(r.logicalId) && !referenced.has(r.logicalId)).map(r => r.resource))],
    };
  }
}

/** The logical ids of the resources that use `logicalId`, directly or through others. */
function readersOf(logicalId: string, resources: readonly ResourceFact[]): Set<string> {
  const uses = new Map(resources.map(r => [r.logicalId, logicalIdsUsedBy(r)]));
  const readers = new Set<string>([logicalId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, used] of uses) {
      if (!readers.has(id) && [...used].some(u => readers.has(u))) {
        readers.add(id);
        grew = true;
      }
    }
  }
  readers.delete(logicalId);
  return readers;
}
