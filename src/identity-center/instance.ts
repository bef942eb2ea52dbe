import { Arn, ArnFormat, Fn, IResource, Resource, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { importPath, validatePattern } from '../private/validation';

/**
 * An IAM Identity Center instance.
 *
 * Instances are created once per organization (or account) outside CloudFormation stacks,
 * so this library only imports them.
 */
export interface IIdentityCenterInstance extends IResource {
  /**
   * The ARN of the instance, `arn:<partition>:sso:::instance/ssoins-…`.
   * @attribute
   */
  readonly instanceArn: string;

  /**
   * The instance id, `ssoins-…` (the last part of the ARN).
   * @attribute
   */
  readonly instanceId: string;

  /**
   * The id of the identity store connected to the instance, `d-…`.
   * @attribute
   * @default - not known
   */
  readonly identityStoreId?: string;
}

/**
 * Attributes of an existing Identity Center instance.
 */
export interface IdentityCenterInstanceAttributes {
  /**
   * The ARN of the instance, `arn:<partition>:sso:::instance/ssoins-…`.
   */
  readonly instanceArn: string;

  /**
   * The id of the identity store connected to the instance, `d-…`.
   * @default - not known
   */
  readonly identityStoreId?: string;
}

// The sso-admin API model's InstanceArn pattern.
const INSTANCE_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Imports an IAM Identity Center instance.
 */
export class IdentityCenterInstance {
  /**
   * Imports an instance by its ARN.
   */
  public static fromInstanceArn(scope: Construct, id: string, instanceArn: string): IIdentityCenterInstance {
    return IdentityCenterInstance.fromInstanceAttributes(scope, id, { instanceArn });
  }

  /**
   * Imports an instance by its attributes.
   */
  public static fromInstanceAttributes(scope: Construct, id: string, attrs: IdentityCenterInstanceAttributes): IIdentityCenterInstance {
    validatePattern(importPath(scope, id), 'instanceArn', attrs.instanceArn, INSTANCE_ARN,
      'must be an Identity Center instance ARN, arn:<partition>:sso:::instance/ssoins-<16 characters>');
    validatePattern(importPath(scope, id), 'identityStoreId', attrs.identityStoreId, IDENTITY_STORE_ID,
      'must be an identity store id, d-<10 hexadecimal digits>');

    class Import extends Resource implements IIdentityCenterInstance {
      public readonly instanceArn = attrs.instanceArn;
      public readonly identityStoreId = attrs.identityStoreId;
      // Instance ARNs carry no account or region; the instance is addressed by its id.
      public readonly instanceId = Token.isUnresolved(attrs.instanceArn)
        ? Fn.select(1, Fn.split('/', attrs.instanceArn))
        : Arn.split(attrs.instanceArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    }
    return new Import(scope, id);
  }

  private constructor() {}
}
