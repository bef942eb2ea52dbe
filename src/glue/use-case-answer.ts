import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GlueIdentityCenterConfiguration } from './identity-center-configuration';
import { GlueInteractiveSessionsQueryServiceOptions } from './use-case-options';
import { AccessScope } from '../identity-center';
import { trustServicesWithContext } from '../private/identity-enhanced';
import { addToRolePolicy } from '../private/nag';
import {
  AuthorizationBinding,
  BindContext,
  engineDataAccess,
  QueryServiceBinder,
  QueryServiceBinding,
  usesLakeFormation,
  usesS3AccessGrants,
} from '../trust-chain/binding';
import { QueryServiceKind } from '../trust-chain/kinds';

/** Glue 5.0 interactive sessions started with identity-enhanced credentials: `QueryService.glueInteractiveSessions()`. */
export class GlueInteractiveSessionsQueryService implements QueryServiceBinder {
  public readonly kind = QueryServiceKind.GLUE_INTERACTIVE_SESSIONS;

  constructor(private readonly options: GlueInteractiveSessionsQueryServiceOptions) {}

  public bind(context: BindContext, authorization: AuthorizationBinding): QueryServiceBinding {
    const { sessionRole } = this.options;
    const configuration = this.options.configuration ?? new GlueIdentityCenterConfiguration(context.scope, 'Glue', {
      instance: context.instance,
      // Glue passes on the scopes of the services that authorize the data, and no others.
      scopes: [
        ...usesLakeFormation(context.authorization) ? [AccessScope.LAKE_FORMATION_QUERY] : [],
        ...usesS3AccessGrants(context.authorization) ? [AccessScope.S3_ACCESS_GRANTS_READ_WRITE] : [],
      ],
    });
    // "its runtime role's trust-policy need to have addition permission sts:SetContext"
    // (glue/latest/dg/security-trusted-identity-propagation-getting-started.html).
    const stack = Stack.of(context.scope);
    trustServicesWithContext(sessionRole, ['glue.amazonaws.com'], { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } });
    // The session reaches the data as the user who started it, and reads the catalog itself.
    addToRolePolicy(sessionRole, engineDataAccess(context, authorization));
    return {
      kind: this.kind,
      readsDataItself: true,
      identityCenterApplication: configuration.identityCenterApplication,
      access: {
        // "you can use identity-enhanced role credentials to create a AWS Glue interactive
        // session. You need not pass additional parameters when creating a 5.0 AWS Glue session."
        roleStatements: [{
          statement: new iam.PolicyStatement({
            actions: ['glue:CreateSession', 'glue:GetSession', 'glue:StopSession', 'glue:DeleteSession',
              'glue:RunStatement', 'glue:GetStatement', 'glue:ListStatements', 'glue:CancelStatement'],
            resources: [stack.formatArn({ service: 'glue', resource: 'session', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME })],
          }),
          wildcardReason: 'Users name their own sessions; Glue runs each as the Identity Center user who started it',
        }, {
          statement: new iam.PolicyStatement({
            actions: ['iam:PassRole'],
            resources: [sessionRole.roleArn],
            conditions: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
          }),
        }],
      },
      diagramNode: { id: 'glue', node: 'glue[("Glue 5.0 interactive sessions")]' },
    };
  }
}

