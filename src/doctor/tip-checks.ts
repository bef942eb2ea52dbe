import { Annotations, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TemplateFacts } from './facts';
import { RULES } from './rules';

const ACKNOWLEDGEMENTS = 'cdk-trusted-identity-propagation:tip-checks-acknowledged';

/** One acknowledged rule, kept as construct metadata. */
interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

/**
 * The TIP doctor's rules for a whole CDK app: trust chains that synthesize and deploy but
 * leave the first user with `AccessDenied`. The rules read the templates, so they check
 * stacks built with raw L1 resources as well as with this library, as far as the templates
 * show the facts. Each finding is an annotation on the resource (an error or a warning, as the
 * rule says) with the rule id, what is missing and the AWS page the rule comes from.
 *
 * Add it to the app: `Aspects.of(app).add(new TipChecks())`. Acknowledge a finding that does
 * not apply with `TipChecks.acknowledge`.
 */
export class TipChecks implements IAspect {
  /**
   * Acknowledges rule `ruleId` for `scope` and everything under it, with the reason it does
   * not apply (for example: Lake Formation is set up by another app).
   *
   * @param ruleId `TIP1`, `TIP2`, …
   * @param reason why the finding does not apply; at least 10 characters
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    if (!RULES.some(rule => rule.id === ruleId)) {
      throw new Error(`${scope.node.path}: TipChecks.acknowledge ruleId must be one of ${RULES.map(r => r.id).join(', ')} (got ${ruleId})`);
    }
    if (reason.trim().length < 10) {
      throw new Error(`${scope.node.path}: TipChecks.acknowledge reason must say why ${ruleId} does not apply, in at least 10 characters (got "${reason}")`);
    }
    scope.node.addMetadata(ACKNOWLEDGEMENTS, { id: ruleId, reason } satisfies Acknowledgement);
  }

  /** The constructs this aspect was added to, each checked once. */
  private readonly scopes = new WeakSet<IConstruct>();

  public visit(node: IConstruct): void {
    // The first node visited is the one the aspect was added to: check everything under it
    // once, with the whole app in view, since a chain's links may sit in different stacks. The
    // check runs when the app is validated, after every aspect: reading the templates any
    // earlier would fix lazy values before other aspects are done with them.
    if ([node, ...node.node.scopes].some(scope => this.scopes.has(scope))) return;
    this.scopes.add(node);
    node.node.addValidation({ validate: () => this.check(node) });
  }

  /** Annotates what the rules find under `node`; returns no validation error, since findings are annotations. */
  private check(node: IConstruct): string[] {
    const scope = node.node.path;
    const facts = TemplateFacts.of(node.node.root);
    for (const rule of RULES) {
      for (const finding of rule.check(facts)) {
        const construct = finding.resource.resource;
        if (!isUnder(construct, scope) || acknowledged(construct, rule.id)) continue;
        const message = `[${rule.id}] ${construct.node.path}: ${finding.message}. See ${finding.source ?? rule.source}`;
        if (rule.level === 'error') {
          Annotations.of(construct).addError(message);
        } else {
          Annotations.of(construct).addWarningV2(`cdk-trusted-identity-propagation:${rule.id}`, message);
        }
      }
    }
    return [];
  }
}

function isUnder(construct: IConstruct, path: string): boolean {
  return path === '' || construct.node.path === path || construct.node.path.startsWith(`${path}/`);
}

function acknowledged(construct: IConstruct, ruleId: string): boolean {
  return construct.node.scopes.some(scope => scope.node.metadata
    .some(entry => entry.type === ACKNOWLEDGEMENTS && (entry.data as Acknowledgement).id === ruleId));
}
