import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, CloudFormation, Phase } from './cloudformation';
import type { HandlerFamily } from '../../src/private/contracts';

/** The construct id prefix of each handler family's role (src/private/provider.ts). */
const ROLE_OF_FAMILY: Record<HandlerFamily, string> = {
  configuration: 'TrustedIdentityPropagationProviderHandlerServiceRole',
  verification: 'TrustedIdentityPropagationVerifierHandlerServiceRole',
};

/** A call IAM would deny. */
export interface Denial {
  readonly phase: Phase;
  readonly logicalId: string;
  readonly call: string;
  readonly action: string;
  readonly resource: string;
}

/** An error the way AWS services return one through the SDK. */
export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode } });
}

/**
 * Authorizes the handler's calls with a real IAM policy evaluator (@cloud-copilot/iam-simulate,
 * a test-only devDependency) against the identity policies attached to the handler role at
 * that moment of the deployment: the IAM::Policy resources CloudFormation has created and not
 * yet deleted.
 */
export class Authorizer {
  public readonly denials: Denial[] = [];
  /** Every action authorized, with the family whose role made the call. */
  public readonly actions: Array<{ readonly family: HandlerFamily; readonly action: string }> = [];

  constructor(public readonly cloudFormation: CloudFormation) {}

  /**
   * Throws AccessDeniedException, and records a denial, unless the handler role may perform
   * `action` on each of `resources`. AWS authorizes every resource of a call.
   */
  public async authorize(call: string, action: string, resources: string[], context: Record<string, string> = {}): Promise<void> {
    const family = this.cloudFormation.current.family ?? 'configuration';
    this.actions.push({ family, action });
    for (const resource of resources) {
      const result = await runSimulation({
        identityPolicies: this.handlerPolicies(family),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action,
          principal: `arn:aws:iam::${ACCOUNT}:role/handler`,
          // AWS-owned resources (application providers) are authorized by identity policy alone.
          resource: { accountId: ACCOUNT, resource },
          contextVariables: context,
        },
      }, {});
      if (result.resultType === 'error') throw new Error(`iam-simulate cannot evaluate ${action} on ${resource}: ${JSON.stringify(result.errors)}`);
      if (result.overallResult !== 'Allowed') {
        this.denials.push({ ...this.cloudFormation.current, call, action, resource });
        throw awsError('AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/handler is not authorized to perform: ${action} on resource: ${resource}`);
      }
    }
  }

  /** The policies attached to the role of `family`'s handler now. */
  private handlerPolicies(family: HandlerFamily) {
    const roles = [...this.cloudFormation.resources.values()]
      .filter(r => r.type === 'AWS::IAM::Role' && r.logicalId.startsWith(ROLE_OF_FAMILY[family]))
      .map(r => r.physicalId);
    return [...this.cloudFormation.resources.values()]
      .filter(r => r.type === 'AWS::IAM::Policy' && (r.properties.Roles as string[]).some(role => roles.includes(role)))
      .map(r => ({ name: r.logicalId, policy: r.properties.PolicyDocument }));
  }
}
