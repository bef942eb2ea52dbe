import { Names, Resource } from 'aws-cdk-lib';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import { Construct } from 'constructs';
import { IdentityCenterApplication, IIdentityCenterApplication, IIdentityCenterInstance } from '../identity-center';
import { validateIdcDisplayName, validateRedshiftApplicationName } from './private/validation';

/**
 * Properties of a `RedshiftQueryEditorApplication`.
 */
export interface RedshiftQueryEditorApplicationProps {
  /** The Identity Center instance users sign in with. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The name of the application, `[a-z][a-z0-9]*(-[a-z0-9]+)*`, at most 63 characters.
   * Changing it replaces the application.
   * @default - a name generated from the construct path
   */
  readonly queryEditorApplicationName?: string;

  /** The name Identity Center shows for the application, 1 to 127 of `[\w+=,.@-]`. */
  readonly idcDisplayName: string;
}

/**
 * Amazon Redshift Query Editor v2 as an Identity Center application, so users sign in to the
 * query editor with Identity Center and query Redshift as themselves.
 *
 * @resource AWS::Redshift::QEV2IdcApplication
 */
export class RedshiftQueryEditorApplication extends Resource {
  /** The ARN of the Query Editor v2 IdC application. */
  public readonly queryEditorApplicationArn: string;

  /** The Identity Center application of the query editor, to assign users and groups to or authorize. */
  public readonly identityCenterApplication: IIdentityCenterApplication;

  constructor(scope: Construct, id: string, props: RedshiftQueryEditorApplicationProps) {
    super(scope, id, { physicalName: props.queryEditorApplicationName });
    validateRedshiftApplicationName(this, 'queryEditorApplicationName', props.queryEditorApplicationName);
    validateIdcDisplayName(this, props.idcDisplayName);

    const resource = new redshift.CfnQEV2IdcApplication(this, 'Resource', {
      idcInstanceArn: props.instance.instanceArn,
      qev2IdcApplicationName: props.queryEditorApplicationName ?? Names.uniqueResourceName(this, { maxLength: 63 }).toLowerCase(),
      idcDisplayName: props.idcDisplayName,
    });
    this.queryEditorApplicationArn = resource.attrQev2IdcApplicationArn;
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'IdcManagedApplication', resource.attrIdcManagedApplicationArn);
  }
}
