import { Annotations, Token } from 'aws-cdk-lib';
import { livyAccessStatements } from './private/livy-access';
import { EmrIdentityCenterSecurityConfiguration } from './security-configuration';
import { EmrServerlessIdentityCenterApplication } from './serverless-application';
import { EmrStudio } from './studio';
import { IIdentityCenterInstance } from '../identity-center';
import { LAKE_FORMATION } from '../lake-formation/use-case-answer';
import { addToRolePolicy } from '../private/nag';
import { invalid, spelled } from '../private/validation';
import { S3_ACCESS_GRANTS } from '../s3-access-grants/use-case-answer';
import {
  AuthorizationBinding,
  BindContext,
  ClientApplicationBinder,
  ClientApplicationBinding,
  diagramText,
  engineDataAccess,
  managedClientDiagram,
  QueryServiceBinder,
  QueryServiceBinding,
  usesLakeFormation,
  usesS3AccessGrants,
} from '../trust-chain/binding';
import { ClientApplicationKind, QueryServiceKind } from '../trust-chain/kinds';

/** Fails unless `piece` works with the use case's Identity Center instance. */
function requireSameInstance(context: BindContext, piece: { instance: IIdentityCenterInstance; node: { path: string } }): void {
  const [own, theirs] = [context.instance.instanceArn, piece.instance.instanceArn];
  if (!Token.isUnresolved(own) && !Token.isUnresolved(theirs) && own !== theirs) {
    invalid(context.scope, `the instance of ${piece.node.path} is ${theirs}, but the use case's instance is ${own}: `
      + 'trusted identity propagation works within one instance');
  }
}

/** Users sign in to EMR Studio, which runs their notebooks and queries as them: `ClientApplication.emrStudio()`. */
export class EmrStudioClient implements ClientApplicationBinder {
  public readonly kind = ClientApplicationKind.EMR_STUDIO;

  constructor(private readonly studio: EmrStudio) {}

  public bind(context: BindContext, queryServices: QueryServiceBinding[], authorization: AuthorizationBinding): ClientApplicationBinding {
    requireSameInstance(context, this.studio);
    // Users query services the Studio reaches itself (Athena) with the user role, as themselves.
    const reached = queryServices.filter(query => query.access !== undefined);
    const statements = reached.length === 0 ? [] : [
      ...reached.flatMap(query => query.access!.roleStatements),
      ...authorization.access.flatMap(access => access.roleStatements),
    ];
    // The session policy is the user role's policy too (EmrStudio).
    this.studio._addUserStatements(statements);
    const studio = this.studio;
    const byName = (kind: string, id: string) => Annotations.of(context.scope).addWarningV2('cdk-trusted-identity-propagation:EmrStudioAssignment',
      `EMR Studio assigns ${kind}s by name, so ${kind} ${id} is not assigned to ${studio.node.path}: `
      + `call ${spelled(`studio.assign${kind === 'user' ? 'User' : 'Group'}`)} with the ${kind}'s name`);
    return {
      diagram: managedClientDiagram(this.kind),
      edgeLabel: () => 'identity propagation',
      userAccess: { allowUser: id => byName('user', id), allowGroup: id => byName('group', id) },
    };
  }
}

/** Spark on EMR on EC2 clusters with an Identity Center security configuration: `QueryService.emrOnEc2()`. */
export class EmrOnEc2QueryService implements QueryServiceBinder {
  public readonly kind = QueryServiceKind.EMR_ON_EC2;

  constructor(private readonly securityConfiguration: EmrIdentityCenterSecurityConfiguration) {}

  public check(context: BindContext): void {
    requireSameInstance(context, this.securityConfiguration);
    const configuration = this.securityConfiguration;
    const mismatch = (prop: string, wanted: boolean) =>
      invalid(context.scope, `the authorization is ${context.authorization}, but ${configuration.node.path} has ${prop} ${wanted ? 'off' : 'on'}: `
        + `set ${spelled(prop, wanted)} on it`);
    if (usesLakeFormation(context.authorization) !== configuration.lakeFormation) mismatch('lakeFormation', usesLakeFormation(context.authorization));
    if (usesS3AccessGrants(context.authorization) !== configuration.s3AccessGrants) mismatch('s3AccessGrants', usesS3AccessGrants(context.authorization));
  }

  public bind(context: BindContext): QueryServiceBinding {
    const consumer = 'an Identity Center enabled EMR security configuration';
    if (usesLakeFormation(context.authorization)) context.require(LAKE_FORMATION, consumer);
    if (usesS3AccessGrants(context.authorization)) context.require(S3_ACCESS_GRANTS, consumer);
    // The clusters' own roles reach the data as the user: users need nothing of their own here.
    return {
      kind: this.kind,
      diagramNode: { id: 'emrec2', node: `emrec2[("EMR on EC2, security configuration ${diagramText(this.securityConfiguration.securityConfigurationName)}")]` },
    };
  }
}

/** Spark interactive sessions on EMR Serverless, through the Livy endpoint: `QueryService.emrServerless()`. */
export class EmrServerlessQueryService implements QueryServiceBinder {
  public readonly kind = QueryServiceKind.EMR_SERVERLESS;

  constructor(private readonly application: EmrServerlessIdentityCenterApplication) {}

  public check(context: BindContext): void {
    requireSameInstance(context, this.application);
  }

  public bind(context: BindContext, authorization: AuthorizationBinding): QueryServiceBinding {
    const application = this.application;
    // The sessions' runtime role reaches the data as the user who started them.
    addToRolePolicy(application.runtimeRole, engineDataAccess(context, authorization));
    return {
      kind: this.kind,
      readsDataItself: true,
      identityCenterApplication: application.identityCenterApplication,
      access: { roleStatements: livyAccessStatements(application.applicationArn, application.runtimeRole.roleArn) },
      diagramNode: { id: 'emrserverless', node: `emrserverless[("EMR Serverless ${diagramText(application.applicationName ?? application.node.id)}, Livy endpoint")]` },
    };
  }
}
