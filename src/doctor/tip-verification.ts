import { createHash } from 'crypto';
import { AspectPriority, Aspects, CfnResource, CustomResource, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { TemplateFacts } from './facts';
import { linksOf, readStatements } from './links';
import { TIP_VERIFICATION, TIP_VERIFICATION_ATTRIBUTES, VerificationLink } from '../private/contracts/tip-verification';
import { lazyProperty, TipProvider } from '../private/provider';

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
 * The verification's function has its own role, which holds read actions only.
 */
export class TipVerification extends Construct {
  /** What the verification found, one sentence per missing link, or the links it confirmed. */
  public readonly report: string;

  private readonly resource: CustomResource;
  private readonly chain: IConstruct;
  private checked?: { readonly links: VerificationLink[]; readonly hash: string };

  constructor(scope: Construct, id: string, props: TipVerificationProps) {
    super(scope, id);
    if (Stack.of(props.chain) !== Stack.of(this)) {
      throw new Error(`${this.node.path}: chain must be in the verification's stack ${Stack.of(this).node.path} (got ${props.chain.node.path})`);
    }
    this.chain = props.chain;
    const provider = TipProvider.of(this, 'verification');
    this.resource = provider.customResource(this, 'Resource', TIP_VERIFICATION, {
      Links: lazyProperty(() => this.plan().links),
      FailOnMissingLink: props.failOnMissingLink ?? true,
      ChainHash: lazyProperty(() => this.plan().hash),
    });
    this.report = this.resource.getAttString(TIP_VERIFICATION_ATTRIBUTES.report);

    // The chain is complete only when the app is: find its links, depend on its resources and
    // permit the reads just before synthesis, before CloudFormation references are settled.
    Aspects.of(this).add({
      visit: node => {
        if (node !== this) return;
        const { links, resources } = this.findChain();
        for (const resource of resources) this.resource.node.addDependency(resource);
        provider.permit(this.resource, 'Verify', readStatements(Stack.of(this), links));
      },
    }, { priority: AspectPriority.MUTATING });
  }

  private findChain(): { links: VerificationLink[]; resources: CfnResource[] } {
    const facts = TemplateFacts.of(this.chain, construct => construct === this || construct instanceof TipProvider);
    const links = linksOf(facts);
    const template = facts.resources.map(r => ({ [r.logicalId]: { Type: r.type, Properties: r.properties } }));
    this.checked = { links, hash: createHash('sha256').update(JSON.stringify(template)).digest('hex') };
    return { links, resources: [...new Set(facts.resources.map(r => r.resource))] };
  }

  private plan(): { links: VerificationLink[]; hash: string } {
    if (!this.checked) throw new Error(`${this.node.path}: the chain was not read before synthesis; TipVerification reads it in an aspect`);
    return this.checked;
  }
}
