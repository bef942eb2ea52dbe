import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ImportedPiece, importedPieces } from '../private/imported';

/** One resource as the template will show it: its type and its properties, resolved to CloudFormation JSON. */
export interface ResourceFact {
  readonly resource: CfnResource;
  readonly stack: Stack;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, any>;
  /** The logical ids it depends on explicitly (`DependsOn`). */
  readonly dependsOn: readonly string[];
}

/** What a property value points at: another resource of the app, and the attribute read (none for `Ref`). */
export interface Reference {
  readonly target: ResourceFact;
  readonly attribute?: string;
}

/**
 * The resources of a construct tree as their templates show them, so rules and links read raw
 * L1 resources and this library's constructs alike. References (`Ref`, `Fn::GetAtt`) are
 * followed within the referring resource's stack, then across the app when the logical id is
 * unique there.
 */
export class TemplateFacts {
  /** The resources under `scope`, leaving out those under a construct that `excluded` names. */
  public static of(scope: IConstruct, excluded: (construct: IConstruct) => boolean = () => false): TemplateFacts {
    const resources: ResourceFact[] = [];
    for (const construct of scope.node.findAll()) {
      if (!CfnResource.isCfnResource(construct) || construct.node.scopes.some(excluded)) continue;
      const stack = Stack.of(construct);
      // The template fragment CDK itself writes for the resource, overrides included; it is
      // internal to aws-cdk-lib, and nothing public gives the properties of every L1 alike.
      const fragment: Record<string, any> = stack.resolve((construct as any)._toCloudFormation())?.Resources ?? {};
      for (const [logicalId, definition] of Object.entries<any>(fragment)) {
        resources.push({
          resource: construct,
          stack,
          logicalId,
          type: definition.Type,
          properties: definition.Properties ?? {},
          dependsOn: [definition.DependsOn ?? []].flat(),
        });
      }
    }
    return new TemplateFacts(resources, importedPieces(scope));
  }

  private constructor(
    public readonly resources: readonly ResourceFact[],
    /** Pieces the app imports from elsewhere (made by another app), which no template shows. */
    public readonly imported: ReadonlySet<ImportedPiece>,
  ) {}

  public ofType(...types: string[]): ResourceFact[] {
    return this.resources.filter(r => types.includes(r.type));
  }

  /** The resource `value` refers to, if it is a `Ref` or `Fn::GetAtt` of a resource of the app. */
  public referenced(from: ResourceFact, value: unknown): Reference | undefined {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const ref = (value as any).Ref;
    const getAtt = (value as any)['Fn::GetAtt'];
    const logicalId: unknown = typeof ref === 'string' ? ref : Array.isArray(getAtt) ? getAtt[0] : undefined;
    if (typeof logicalId !== 'string') return undefined;
    const candidates = this.resources.filter(r => r.logicalId === logicalId);
    const target = candidates.find(r => r.stack === from.stack) ?? (candidates.length === 1 ? candidates[0] : undefined);
    return target && { target, attribute: Array.isArray(getAtt) ? String(getAtt[1]) : undefined };
  }
}

/** The logical ids `resource` refers to in its properties (`Ref`, `Fn::GetAtt`, `Fn::Sub`) or depends on. */
export function logicalIdsUsedBy(resource: ResourceFact): Set<string> {
  return new Set([...resource.dependsOn, ...logicalIdsIn(resource.properties)]);
}

/** The logical ids (and pseudo parameters) a CloudFormation value refers to with `Ref`, `Fn::GetAtt` or `Fn::Sub`. */
export function logicalIdsIn(json: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, argument] of Object.entries(value)) {
      if (key === 'Ref' && typeof argument === 'string') found.add(argument);
      else if (key === 'Fn::GetAtt' && Array.isArray(argument)) found.add(String(argument[0]));
      else if (key === 'Fn::Sub' && typeof argument === 'string') for (const [, id] of argument.matchAll(/\$\{([^}.!]+)[^}]*\}/g)) found.add(id);
      else walk(argument);
    }
  };
  walk(json);
  return found;
}

/** Whether two property values are the same CloudFormation value (a literal or the same expression). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether an `AWS::Redshift::RedshiftIdcApplication` has `integration` of `service` enabled (`Authorization: Enabled`). */
export function redshiftIntegrationEnabled(application: ResourceFact, service: 'LakeFormation' | 'Redshift', integration: string): boolean {
  return [application.properties.ServiceIntegrations ?? []].flat().some((entry: any) =>
    [entry?.[service] ?? []].flat().some((item: any) => item?.[integration]?.Authorization === 'Enabled'));
}

/** Whether two instance ARNs may be the same instance: only two literals are known to differ. */
export function mayBeSameInstance(a: unknown, b: unknown): boolean {
  return !(isLiteral(a) && isLiteral(b) && a !== b);
}

/** Whether a resolved value is a literal, as opposed to an expression CloudFormation evaluates. */
export function isLiteral(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** A boolean property as CloudFormation reads it: `true` or `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
