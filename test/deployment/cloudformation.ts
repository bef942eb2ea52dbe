import { FAMILY_OF_TYPE, HandlerFamily, ResourceType } from '../../src/private/contracts';
import { dispatch as configure } from '../../src/private/handler/index.lambda';
import type { CustomResourceEvent } from '../../src/private/handler/types';
import { dispatch as verify } from '../../src/private/handler/verification.lambda';

/** Each handler family's function, as CloudFormation invokes it through the resource's ServiceToken. */
const FAMILY_DISPATCH: Record<HandlerFamily, typeof configure> = { configuration: configure, verification: verify };

/**
 * CloudFormation, as far as our custom resources can tell: the order in which a deployment
 * creates, updates and deletes resources, and the events it sends to the handler.
 *
 * - Update phase: creates and updates in dependency order (DependsOn, Ref, Fn::GetAtt, Fn::Sub
 *   of the new template). An IAM policy takes effect when it is created or updated. A
 *   replacement creates the new resource now; a custom resource is replaced when its Update
 *   returns another physical id.
 *   (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes-update.html)
 * - Cleanup phase: deletes removed resources and the old halves of replacements, in reverse
 *   dependency order of the template they came from (UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: "still
 *   deleting the old resources", view-stack-events.html). A failed delete here does not fail the
 *   update; the simulator reports it as a leak.
 * - Rollback of a failed update: every resource the update touched is updated back with its old
 *   properties (a custom resource gets an Update with ResourceProperties and
 *   OldResourceProperties swapped), in dependency order of the old template; then the resources
 *   the update created, and the new halves of replacements, are deleted
 *   (UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: "still deleting any new resources it created
 *   during the stack update").
 * - Rollback of a failed create, and stack delete: every resource, in reverse dependency order.
 *   A custom resource whose Create failed is deleted too, with the physical id it reported.
 *
 * CloudFormation runs independent resources in parallel, in no promised order. The simulator
 * runs them one at a time in the order worst for permissions: among the resources that are
 * ready, IAM policies are created and updated last and deleted first. A custom resource that
 * works only because of a lucky order fails here.
 */

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const PARTITION = 'aws';
export const STACK_NAME = 'LifecycleStack';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK_NAME}/6c1d2a40-0000-11ef-8000-0a1b2c3d4e5f`;

export interface Template {
  readonly Resources: Record<string, TemplateResource>;
  readonly Parameters?: Record<string, { Default?: unknown }>;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
}

/** A resource as it stands in the account. */
export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  /** Its properties, resolved (for custom resources, as the handler received them). */
  readonly properties: Record<string, any>;
  readonly physicalId: string;
  readonly attributes: Record<string, string>;
}

/** What CloudFormation was doing when something happened. */
export type Phase = 'create' | 'update' | 'cleanup' | 'rollback' | 'rollback-cleanup' | 'delete';

/** How the simulator creates, updates and deletes one type of native resource. */
export interface ResourceModel {
  /** Properties whose change replaces the resource (the CloudFormation resource reference's "Update requires: Replacement"). */
  readonly replacedBy?: string[];
  /** Creates the resource; returns its physical id and attributes. */
  create(logicalId: string, properties: Record<string, any>): { physicalId: string; attributes: Record<string, string> };
  /** Updates the resource in place to `resource.properties`. */
  update?(resource: DeployedResource): void;
  delete?(resource: DeployedResource): void;
}

/** Something a deployment did that a correct library never does. */
export interface Problem {
  readonly phase: Phase;
  readonly logicalId: string;
  readonly message: string;
}

export interface DeployOptions {
  /** Logical ids of native resources whose create or update fails, to make a deployment roll back. */
  readonly failing?: string[];
}

/** One stack, deployed again and again. */
export class CloudFormation {
  /** The resources of the stack, by logical id. */
  public readonly resources = new Map<string, DeployedResource>();
  /** Failures that a correct library never causes: failed deletes, failed rollbacks. */
  public readonly problems: Problem[] = [];
  /** Every event sent to the handler, in order, as `phase RequestType LogicalId`. */
  public readonly handlerEvents: string[] = [];
  /** Why the last deployment rolled back. */
  public failure?: string;
  /** The phase and resource being worked on, for messages, and the handler family serving it. */
  public current: { phase: Phase; logicalId: string; family?: HandlerFamily } = { phase: 'create', logicalId: '' };

  private template: Template = { Resources: {} };
  private requests = 0;
  private rollingBackCreate = false;

  constructor(private readonly models: Record<string, ResourceModel>) {}

  /**
   * Creates or updates the stack to `template`. Returns the stack status: `CREATE_COMPLETE`,
   * `UPDATE_COMPLETE`, or the status after a rollback.
   */
  public async deploy(template: Template, options: DeployOptions = {}): Promise<string> {
    const creating = this.resources.size === 0;
    const previous = this.template;
    const before = new Map(this.resources);
    const failing = new Set(options.failing ?? []);
    this.failure = undefined;
    const touched: string[] = [];
    /** Old halves of replacements, with the properties they had. */
    const replaced: DeployedResource[] = [];
    this.template = template;
    try {
      for (const logicalId of order(template, 'create')) {
        this.current = { phase: creating ? 'create' : 'update', logicalId };
        const existing = this.resources.get(logicalId);
        const definition = template.Resources[logicalId];
        const properties = this.resolveProperties(definition, template);
        if (existing && existing.type === definition.Type && same(existing.properties, properties)) continue;
        touched.push(logicalId);
        if (failing.has(logicalId)) throw new Error(`${logicalId} fails on purpose`);
        const after = existing ? await this.update(existing, definition, properties) : await this.create(logicalId, definition, properties);
        if (existing && after.physicalId !== existing.physicalId) replaced.push(existing);
      }
    } catch (error) {
      this.failure = `${this.current.logicalId}: ${String((error as Error).message ?? error)}`;
      return this.rollBack({ creating, previous, before, touched });
    }
    // Cleanup: what the new template no longer has, and the old halves of replacements.
    const removed = [...before.values()].filter(r => !(r.logicalId in template.Resources));
    await this.deleteAll([...removed, ...replaced], previous, 'cleanup');
    return creating ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
  }

  /** Deletes the stack. */
  public async deleteStack(): Promise<void> {
    await this.deleteAll([...this.resources.values()], this.template, 'delete');
    this.template = { Resources: {} };
  }

  private async rollBack(failure: RollbackContext): Promise<string> {
    const { creating, previous, before, touched } = failure;
    this.rollingBackCreate = creating;
    if (creating) {
      await this.deleteAll([...this.resources.values()], this.template, 'rollback');
      this.template = { Resources: {} };
      return 'ROLLBACK_COMPLETE';
    }
    const failed = this.template;
    this.template = previous;
    const newHalves: DeployedResource[] = [];
    // Put back every resource the update touched that the old template has, in its order.
    for (const logicalId of order(previous, 'create').filter(id => touched.includes(id))) {
      this.current = { phase: 'rollback', logicalId };
      const old = before.get(logicalId)!;
      const now = this.resources.get(logicalId);
      if (!now) continue;
      if (now.physicalId !== old.physicalId && !now.type.startsWith('Custom::')) {
        // A native replacement rolls back to the old resource, which was never deleted.
        this.resources.set(logicalId, old);
        newHalves.push(now);
        continue;
      }
      const properties = this.resolveProperties(previous.Resources[logicalId], previous);
      try {
        const after = await this.update(now, previous.Resources[logicalId], properties);
        if (after.physicalId !== now.physicalId) newHalves.push(now);
      } catch (error) {
        this.problem(`rollback failed, the stack is now UPDATE_ROLLBACK_FAILED: ${String((error as Error).message ?? error)}`);
      }
    }
    // Then delete what the failed update created.
    const created = [...this.resources.values()].filter(r => !before.has(r.logicalId));
    await this.deleteAll([...created, ...newHalves], failed, 'rollback-cleanup');
    return 'UPDATE_ROLLBACK_COMPLETE';
  }

  /** Deletes `resources` in reverse dependency order of `template`, the one they came from. */
  private async deleteAll(resources: DeployedResource[], template: Template, phase: Phase): Promise<void> {
    const rank = new Map(order(template, 'delete').map((id, i) => [id, i]));
    const sorted = [...resources].sort((a, b) => (rank.get(a.logicalId) ?? -1) - (rank.get(b.logicalId) ?? -1));
    for (const resource of sorted) {
      this.current = { phase, logicalId: resource.logicalId };
      try {
        await this.delete(resource);
      } catch (error) {
        this.problem(`delete of ${resource.physicalId} failed, so it is left in the account: ${String((error as Error).message ?? error)}`);
      }
      if (this.resources.get(resource.logicalId)?.physicalId === resource.physicalId) this.resources.delete(resource.logicalId);
    }
  }

  private async create(logicalId: string, definition: TemplateResource, properties: Record<string, any>): Promise<DeployedResource> {
    if (definition.Type.startsWith('Custom::')) {
      const response = await this.send({
        RequestType: 'Create', LogicalResourceId: logicalId, ResourceType: definition.Type, ResourceProperties: properties,
      });
      // A failed create still leaves a resource that CloudFormation deletes in its rollback.
      const resource = {
        logicalId, type: definition.Type, properties, physicalId: response.PhysicalResourceId, attributes: stringsOf(response.Data),
      };
      this.resources.set(logicalId, resource);
      if (response.Status === 'FAILED') throw new Error(response.Reason);
      return resource;
    }
    const { physicalId, attributes } = this.model(definition.Type).create(logicalId, properties);
    const resource = { logicalId, type: definition.Type, properties, physicalId, attributes };
    this.resources.set(logicalId, resource);
    return resource;
  }

  private async update(existing: DeployedResource, definition: TemplateResource, properties: Record<string, any>): Promise<DeployedResource> {
    const { logicalId } = existing;
    if (definition.Type.startsWith('Custom::')) {
      const response = await this.send({
        RequestType: 'Update',
        LogicalResourceId: logicalId,
        ResourceType: definition.Type,
        ResourceProperties: properties,
        OldResourceProperties: existing.properties,
        PhysicalResourceId: existing.physicalId,
      });
      if (response.Status === 'FAILED') {
        // The resource now stands for the properties of the failed update: a rollback sends them as the old ones.
        this.resources.set(logicalId, { ...existing, properties });
        throw new Error(response.Reason);
      }
      const resource = { ...existing, properties, physicalId: response.PhysicalResourceId, attributes: stringsOf(response.Data) };
      this.resources.set(logicalId, resource);
      return resource;
    }
    const model = this.model(definition.Type);
    if (existing.type !== definition.Type || (model.replacedBy ?? []).some(key => !same(existing.properties[key], properties[key]))) {
      const { physicalId, attributes } = model.create(logicalId, properties);
      const resource = { logicalId, type: definition.Type, properties, physicalId, attributes };
      this.resources.set(logicalId, resource);
      return resource;
    }
    const resource = { ...existing, properties };
    this.resources.set(logicalId, resource);
    model.update?.(resource);
    return resource;
  }

  private async delete(resource: DeployedResource): Promise<void> {
    if (resource.type.startsWith('Custom::')) {
      const response = await this.send({
        RequestType: 'Delete',
        LogicalResourceId: resource.logicalId,
        ResourceType: resource.type,
        ResourceProperties: resource.properties,
        PhysicalResourceId: resource.physicalId,
      });
      if (response.Status === 'FAILED') throw new Error(response.Reason);
      return;
    }
    this.model(resource.type).delete?.(resource);
  }

  private async send(event: Omit<Partial<CustomResourceEvent>, 'ResourceProperties' | 'OldResourceProperties'> & {
    ResourceProperties: Record<string, any>;
    OldResourceProperties?: Record<string, any>;
  }) {
    this.handlerEvents.push(`${this.current.phase} ${event.RequestType} ${event.LogicalResourceId}`);
    const family = FAMILY_OF_TYPE[event.ResourceType as ResourceType];
    if (!family) throw new Error(`no handler family serves ${event.ResourceType}`);
    this.current = { ...this.current, family };
    return FAMILY_DISPATCH[family]({
      ServiceToken: event.ResourceProperties.ServiceToken,
      ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/signed',
      StackId: STACK_ID,
      RequestId: `request-${++this.requests}`,
      ...event,
    } as CustomResourceEvent);
  }

  /**
   * The stack status while the current phase runs (DescribeStacks StackStatus,
   * AWSCloudFormation/latest/UserGuide/view-stack-events.html, stack status codes).
   */
  public stackStatus(): string {
    const statuses: Record<Phase, string> = {
      'create': 'CREATE_IN_PROGRESS',
      'update': 'UPDATE_IN_PROGRESS',
      'cleanup': 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'rollback': this.rollingBackCreate ? 'ROLLBACK_IN_PROGRESS' : 'UPDATE_ROLLBACK_IN_PROGRESS',
      'rollback-cleanup': 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'delete': 'DELETE_IN_PROGRESS',
    };
    return statuses[this.current.phase];
  }

  private model(type: string): ResourceModel {
    return this.models[type] ?? GENERIC;
  }

  private problem(message: string): void {
    this.problems.push({ ...this.current, message });
  }

  /** Resolves the properties of `definition` against the stack as it stands now. */
  private resolveProperties(definition: TemplateResource, template: Template): Record<string, any> {
    const resolved = this.resolve(definition.Properties ?? {}, template) ?? {};
    // CloudFormation delivers every scalar property of a custom resource as a string.
    return definition.Type.startsWith('Custom::') ? stringify(resolved) : resolved;
  }

  private resolve(value: unknown, template: Template): any {
    if (Array.isArray(value)) return value.map(v => this.resolve(v, template)).filter(v => v !== NO_VALUE);
    if (!value || typeof value !== 'object') return value;
    const [key] = Object.keys(value);
    const argument = (value as any)[key];
    switch (key) {
      case 'Ref': return this.ref(argument, template);
      case 'Fn::GetAtt': return this.attribute(argument[0], argument[1]);
      case 'Fn::Join': return this.resolve(argument[1], template).join(argument[0]);
      case 'Fn::Select': return this.resolve(argument[1], template)[Number(argument[0])];
      case 'Fn::Split': return String(this.resolve(argument[1], template)).split(argument[0]);
      case 'Fn::Sub': return String(argument).replace(/\$\{([^}]+)\}/g, (_m, name: string) =>
        String(name.includes('.') ? this.attribute(name.split('.')[0], name.split('.')[1]) : this.ref(name, template)));
    }
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) {
      const resolved = this.resolve(v, template);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }

  private ref(name: string, template: Template): any {
    const pseudo: Record<string, unknown> = {
      'AWS::Partition': PARTITION,
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      'AWS::StackName': STACK_NAME,
      'AWS::StackId': STACK_ID,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::NoValue': NO_VALUE,
    };
    if (name in pseudo) return pseudo[name];
    if (template.Parameters?.[name]) return template.Parameters[name].Default;
    const resource = this.resources.get(name);
    if (!resource) throw new Error(`Ref to ${name}, which does not exist (yet)`);
    return resource.attributes.Ref ?? resource.physicalId;
  }

  private attribute(logicalId: string, name: string): string {
    const resource = this.resources.get(logicalId);
    const value = resource?.attributes[name];
    if (value === undefined) throw new Error(`Fn::GetAtt ${logicalId}.${name}: no such attribute`);
    return value;
  }
}

const NO_VALUE = Symbol('AWS::NoValue');

/** What a rollback needs to know about the update that failed. */
interface RollbackContext {
  readonly creating: boolean;
  /** The template before the update. */
  readonly previous: Template;
  /** The resources before the update. */
  readonly before: Map<string, DeployedResource>;
  /** The resources the update created, updated or tried to. */
  readonly touched: string[];
}

/** Native resources the library's tests do not look into: a name, and ARNs derived from it. */
const GENERIC: ResourceModel = {
  create(logicalId) {
    const physicalId = `${logicalId.toLowerCase().slice(0, 40)}-${Math.random().toString(16).slice(2, 10)}`;
    const attributes = new Proxy<Record<string, string>>({}, {
      get: (_target, name: string) => (name === 'Ref' ? undefined
        : name.endsWith('Arn') || name === 'Arn' ? `arn:aws:generic:${REGION}:${ACCOUNT}:${logicalId}/${physicalId}` : `${physicalId}.${name}`),
    });
    return { physicalId, attributes };
  },
};

/**
 * Logical ids of `template` in the order CloudFormation may create them (`create`) or delete
 * them (`delete`), choosing among ready resources the order worst for permissions: IAM
 * policies are created last and deleted first.
 */
export function order(template: Template, direction: 'create' | 'delete'): string[] {
  const dependencies = new Map(Object.entries(template.Resources).map(([id, r]) => [id, dependenciesOf(r, template)]));
  const dependents = new Map<string, Set<string>>([...dependencies.keys()].map(id => [id, new Set()]));
  for (const [id, deps] of dependencies) for (const dep of deps) dependents.get(dep)?.add(id);
  const blockers = direction === 'create' ? dependencies : dependents;
  const done = new Set<string>();
  const result: string[] = [];
  const isPolicy = (id: string) => template.Resources[id].Type === 'AWS::IAM::Policy';
  while (done.size < dependencies.size) {
    const ready = [...dependencies.keys()].filter(id => !done.has(id) && [...blockers.get(id)!].every(b => done.has(b)));
    if (ready.length === 0) throw new Error('the template has a dependency cycle');
    const pick = direction === 'create' ? ready.find(id => !isPolicy(id)) ?? ready[0] : ready.find(isPolicy) ?? ready[0];
    done.add(pick);
    result.push(pick);
  }
  return result;
}

function dependenciesOf(resource: TemplateResource, template: Template): Set<string> {
  const found = new Set<string>([resource.DependsOn ?? []].flat());
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, argument] of Object.entries(value)) {
      if (key === 'Ref' && typeof argument === 'string') {
        found.add(argument);
      } else if (key === 'Fn::GetAtt') {
        found.add((argument as string[])[0]);
      } else if (key === 'Fn::Sub' && typeof argument === 'string') {
        for (const [, name] of argument.matchAll(/\$\{([^}.]+)[^}]*\}/g)) found.add(name);
      } else {
        walk(argument);
      }
    }
  };
  walk(resource.Properties);
  return new Set([...found].filter(id => id in template.Resources));
}

function stringify(value: any): any {
  if (Array.isArray(value)) return value.map(stringify);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringify(v)]));
  return typeof value === 'boolean' || typeof value === 'number' ? String(value) : value;
}

function stringsOf(data: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, String(v)]));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
