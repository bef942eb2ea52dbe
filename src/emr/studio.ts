import { createHash } from 'crypto';
import { Annotations, ArnFormat, Names, Resource, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IIdentityCenterInstance } from '../identity-center';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { acknowledgeNag, acknowledgeWildcards, addToRolePolicy, ReasonedStatement } from '../private/nag';
import { invalid, validateLength, validatePattern } from '../private/validation';

/**
 * The tag EMR Studio's service role policy keys on: the subnets and the security groups of a
 * Studio must carry it for the Studio to create Workspace network interfaces in them
 * (ManagementGuide/emr-studio-service-role.html).
 */
const EMR_MANAGED_TAG = { key: 'for-use-with-amazon-emr-managed-policies', value: 'true' } as const;

/** The port Workspaces reach the cluster's notebook engine on (ManagementGuide/emr-studio-security-groups.html). */
const ENGINE_PORT = 18888;

/**
 * Properties of an `EmrStudio`.
 */
export interface EmrStudioProps {
  /** The Identity Center instance users sign in with. */
  readonly instance: IIdentityCenterInstance;

  /** The VPC of the Studio's Workspaces and the clusters they attach to. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets Workspaces run in: 1 to 5 subnets of `vpc` ("A Studio can have a maximum of 5
   * subnets"). They must carry the tag `for-use-with-amazon-emr-managed-policies=true`; the
   * Studio tags the subnets defined in this app.
   * @default - the private subnets with egress of `vpc` (`SubnetType.PRIVATE_WITH_EGRESS`)
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * The name of the Studio.
   * @default - the construct's unique id
   */
  readonly studioName?: string;

  /**
   * A description of the Studio.
   * @default - none
   */
  readonly description?: string;

  /**
   * The bucket Workspaces and notebook files are backed up to.
   * @default - a versioned bucket with S3-managed encryption that enforces SSL
   */
  readonly workspaceBucket?: s3.IBucket;

  /**
   * The prefix of the backups in `workspaceBucket`.
   * @default 'workspaces/'
   */
  readonly workspacePrefix?: string;

  /**
   * A KMS key to encrypt the Workspace and notebook backups with.
   * @default - the bucket's encryption
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Whether users must be assigned to the Studio (`assignUser`, `assignGroup`) to use it.
   * @default true
   */
  readonly userAssignmentRequired?: boolean;
}

/**
 * An Amazon EMR Studio that signs users in with IAM Identity Center and propagates their
 * identity to EMR on EC2 clusters and Athena (trusted identity propagation), so Lake Formation
 * and S3 Access Grants authorize each user's data access.
 *
 * It makes what AWS documents around it: the service role (ManagementGuide/emr-studio-service-role.html),
 * the user role trusted with `sts:SetContext` and the session policy of the users
 * (ManagementGuide/emr-studio-user-permissions.html), the Workspace and engine security groups,
 * and a Workspace bucket unless you bring one.
 *
 * @resource AWS::EMR::Studio
 */
export class EmrStudio extends Resource {
  /**
   * The id of the Studio.
   * @attribute
   */
  public readonly studioId: string;

  /**
   * The ARN of the Studio.
   * @attribute
   */
  public readonly studioArn: string;

  /**
   * The URL users open the Studio at.
   * @attribute
   */
  public readonly studioUrl: string;

  /** The role EMR Studio uses to work with other services (network, Workspace backups). */
  public readonly serviceRole: iam.Role;

  /**
   * The role users' sessions use in the Studio, trusted by EMR Studio with `sts:SetContext`.
   * Allow it what users do as themselves, for example Athena queries.
   */
  public readonly userRole: iam.Role;

  /**
   * The session policy of every user and group assigned to the Studio; it allows what the user
   * role allows, so add statements to both for users to have them.
   */
  public readonly sessionPolicy: iam.ManagedPolicy;

  /** The bucket of Workspace backups. */
  public readonly workspaceBucket: s3.IBucket;

  /** The security group of Workspaces. */
  public readonly workspaceSecurityGroup: ec2.SecurityGroup;

  /** The security group clusters' notebook engines accept Workspaces with. Add it to the clusters' master nodes. */
  public readonly engineSecurityGroup: ec2.SecurityGroup;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  private readonly assignmentRequired: boolean;

  constructor(scope: Construct, id: string, props: EmrStudioProps) {
    super(scope, id, { physicalName: props.studioName });
    const need = 'EMR Studio needs 1 to 5 subnets for its Workspaces (SubnetIds); pass subnets that select some, '
      + 'for example { subnetType: SubnetType.PRIVATE_ISOLATED }';
    let subnets: ec2.SelectedSubnets;
    try {
      subnets = props.vpc.selectSubnets(props.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    } catch (error) {
      invalid(this, `subnets selects no subnet of the VPC (${(error as Error).message}): ${need}`);
    }
    if (subnets.subnetIds.length === 0) invalid(this, `subnets selects no subnet of the VPC: ${need}`);
    if (subnets.subnetIds.length > 5) {
      invalid(this, `subnets selects ${subnets.subnetIds.length} subnets, but "A Studio can have a maximum of 5 subnets" `
        + '(ManagementGuide/emr-studio-create-studio.html): select fewer, for example with onePerAz');
    }
    // CreateStudio's Name: [a-zA-Z0-9_-]+, 1 to 256 characters.
    validatePattern(this, 'studioName', props.studioName, /^[a-zA-Z0-9_-]{1,256}$/, 'may contain only letters, digits, _ and -, 1 to 256 of them');
    validateLength(this, 'description', props.description, 0, 256);
    validatePattern(this, 'workspacePrefix', props.workspacePrefix, /^([^/].*\/)?$/, 'must end with "/" and not start with it');
    this.instance = props.instance;
    this.assignmentRequired = props.userAssignmentRequired ?? true;
    const stack = Stack.of(this);

    // The service role's policy keys on this tag; subnets made elsewhere must carry it already.
    for (const subnet of subnets.subnets) Tags.of(subnet).add(EMR_MANAGED_TAG.key, EMR_MANAGED_TAG.value);
    this.workspaceSecurityGroup = new ec2.SecurityGroup(this, 'WorkspaceSecurityGroup', {
      vpc: props.vpc,
      description: 'EMR Studio Workspaces',
      allowAllOutbound: false,
    });
    this.engineSecurityGroup = new ec2.SecurityGroup(this, 'EngineSecurityGroup', {
      vpc: props.vpc,
      description: 'EMR Studio notebook engines on the clusters',
      allowAllOutbound: false,
    });
    this.engineSecurityGroup.addIngressRule(this.workspaceSecurityGroup, ec2.Port.tcp(ENGINE_PORT), 'Workspaces reach the notebook engine');
    this.workspaceSecurityGroup.addEgressRule(this.engineSecurityGroup, ec2.Port.tcp(ENGINE_PORT), 'to the notebook engine');
    // Workspaces link Git repositories over HTTPS.
    this.workspaceSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'Git repositories over HTTPS');
    for (const group of [this.workspaceSecurityGroup, this.engineSecurityGroup]) Tags.of(group).add(EMR_MANAGED_TAG.key, EMR_MANAGED_TAG.value);

    this.workspaceBucket = props.workspaceBucket ?? this.defaultBucket();
    const workspacePrefix = props.workspacePrefix ?? 'workspaces/';

    this.serviceRole = new iam.Role(this, 'ServiceRole', {
      // The trust policy with aws:SourceAccount and aws:SourceArn against the confused deputy.
      assumedBy: new iam.ServicePrincipal('elasticmapreduce.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'elasticmapreduce', resource: '*' }) },
        },
      }),
      description: 'EMR Studio service role',
    });
    this.addServiceRoleStatements(stack);
    // "s3:PutObject", "s3:GetObject", "s3:GetEncryptionConfiguration", "s3:ListBucket", "s3:DeleteObject"
    // (ManagementGuide/emr-studio-service-role.html), on the backups only.
    addToRolePolicy(this.serviceRole, [{
      statement: new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.workspaceBucket.arnForObjects(`${workspacePrefix}*`)],
      }),
      wildcardReason: 'Workspaces and notebook files are backed up under the Studio\'s prefix with names the users choose',
    }, {
      statement: new iam.PolicyStatement({ actions: ['s3:GetEncryptionConfiguration', 's3:ListBucket'], resources: [this.workspaceBucket.bucketArn] }),
    }]);
    for (const key of [props.encryptionKey, this.workspaceBucket.encryptionKey]) {
      key?.grant(this.serviceRole, 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:DescribeKey');
    }

    // "You must create an EMR Studio user role when you use IAM Identity Center authentication
    // mode", trusted with sts:AssumeRole and sts:SetContext (ManagementGuide/emr-studio-user-permissions.html).
    this.userRole = new iam.Role(this, 'UserRole', {
      assumedBy: identityEnhancedServices(['elasticmapreduce.amazonaws.com']),
      description: 'EMR Studio user role: the sessions of Identity Center users in the Studio',
    });
    const userStatements = this.basicUserStatements();
    this.sessionPolicy = new iam.ManagedPolicy(this, 'SessionPolicy', {
      description: 'Session policy of the users of an EMR Studio',
      statements: userStatements,
    });
    this.userRole.addManagedPolicy(this.sessionPolicy);
    for (const statement of userStatements) {
      acknowledgeWildcards(this.sessionPolicy, statement, 'EMR Studio\'s basic user actions act on Workspaces and clusters the users create; AWS documents them on "*"');
    }

    const resource = new emr.CfnStudio(this, 'Resource', {
      name: props.studioName ?? Names.uniqueResourceName(this, { maxLength: 256, separator: '-' }),
      description: props.description,
      authMode: 'SSO',
      idcInstanceArn: props.instance.instanceArn,
      idcUserAssignment: this.assignmentRequired ? 'REQUIRED' : 'OPTIONAL',
      trustedIdentityPropagationEnabled: true,
      serviceRole: this.serviceRole.roleArn,
      userRole: this.userRole.roleArn,
      vpcId: props.vpc.vpcId,
      subnetIds: subnets.subnetIds,
      workspaceSecurityGroupId: this.workspaceSecurityGroup.securityGroupId,
      engineSecurityGroupId: this.engineSecurityGroup.securityGroupId,
      defaultS3Location: this.workspaceBucket.s3UrlForObject(workspacePrefix),
      encryptionKeyArn: props.encryptionKey?.keyArn,
    });
    // The roles hold their permissions before the Studio uses them.
    resource.node.addDependency(...[this.serviceRole, this.userRole].flatMap(role => role.node.tryFindChild('DefaultPolicy') ?? []));
    this.studioId = resource.attrStudioId;
    this.studioArn = resource.attrArn;
    this.studioUrl = resource.attrUrl;
  }

  /**
   * Assigns an Identity Center user to the Studio, with `sessionPolicy`.
   *
   * @param userName the user's name in the identity store (`UserName`): EMR Studio maps users by name
   */
  public assignUser(userName: string): emr.CfnStudioSessionMapping {
    return this.assign('USER', userName);
  }

  /**
   * Assigns an Identity Center group to the Studio, with `sessionPolicy`.
   *
   * @param groupName the group's name in the identity store (`DisplayName`): EMR Studio maps groups by name
   */
  public assignGroup(groupName: string): emr.CfnStudioSessionMapping {
    return this.assign('GROUP', groupName);
  }

  /** @internal */
  public _addUserStatements(statements: ReasonedStatement[]): void {
    for (const { statement, wildcardReason } of statements) {
      this.sessionPolicy.addStatements(statement);
      if (wildcardReason) acknowledgeWildcards(this.sessionPolicy, statement, wildcardReason);
    }
  }

  private assign(identityType: 'USER' | 'GROUP', identityName: string): emr.CfnStudioSessionMapping {
    validateLength(this, identityType === 'USER' ? 'userName' : 'groupName', identityName, 1, 256);
    if (!this.assignmentRequired) {
      Annotations.of(this).addWarningV2('cdk-trusted-identity-propagation:EmrStudioAssignment',
        `assigns ${identityType.toLowerCase()} ${identityName}, but userAssignmentRequired is false: every user of the instance may use the Studio`);
    }
    // The name's letters for reading, its hash for uniqueness ("john.doe" and "johndoe" differ).
    const id = `${identityType === 'USER' ? 'User' : 'Group'}${identityName.replace(/[^A-Za-z0-9]/g, '')}`
      + createHash('sha256').update(identityName).digest('hex').slice(0, 8);
    return new emr.CfnStudioSessionMapping(this, id, {
      studioId: this.studioId,
      identityType,
      identityName,
      sessionPolicyArn: this.sessionPolicy.managedPolicyArn,
    });
  }

  private defaultBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'WorkspaceBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
    });
    const reason = 'Holds Workspace backups that only the Studio\'s service role writes; pass workspaceBucket to log access to a bucket of your choice';
    acknowledgeNag(bucket, ['AwsSolutions-S1'], reason);
    const resource = bucket.node.defaultChild as s3.CfnBucket;
    resource.addMetadata('checkov', { skip: [{ id: 'CKV_AWS_18', comment: reason }] });
    return bucket;
  }

  /**
   * The service role statements AWS documents, on this account and region instead of `*:*`, less
   * the ones that create default security groups: the Studio is given its own.
   */
  private addServiceRoleStatements(stack: Stack): void {
    const arn = (resource: string) => stack.formatArn({ service: 'ec2', resource, resourceName: '*' });
    const tagged = (prefix: 'aws:ResourceTag' | 'aws:RequestTag') => ({ StringEquals: { [`${prefix}/${EMR_MANAGED_TAG.key}`]: EMR_MANAGED_TAG.value } });
    const statements = [
      { actions: ['elasticmapreduce:ListInstances', 'elasticmapreduce:DescribeCluster', 'elasticmapreduce:ListSteps'], resources: [stack.formatArn({ service: 'elasticmapreduce', resource: 'cluster', resourceName: '*' })] },
      { actions: ['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface'], resources: [arn('network-interface')], conditions: tagged('aws:ResourceTag') },
      { actions: ['ec2:ModifyNetworkInterfaceAttribute'], resources: [arn('instance'), arn('network-interface'), arn('security-group')] },
      {
        actions: ['ec2:AuthorizeSecurityGroupEgress', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteNetworkInterfacePermission'],
        resources: [arn('security-group'), arn('network-interface')],
        conditions: tagged('aws:ResourceTag'),
      },
      { actions: ['ec2:CreateNetworkInterface'], resources: [arn('network-interface')], conditions: tagged('aws:RequestTag') },
      { actions: ['ec2:CreateNetworkInterface'], resources: [arn('subnet'), arn('security-group')], conditions: tagged('aws:ResourceTag') },
      { actions: ['ec2:CreateTags'], resources: [arn('network-interface')], conditions: { StringEquals: { 'ec2:CreateAction': 'CreateNetworkInterface' } } },
      {
        // Describe actions have no resource type.
        actions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags', 'ec2:DescribeInstances', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
        resources: ['*'],
      },
      {
        actions: ['secretsmanager:GetSecretValue'],
        resources: [stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        conditions: tagged('aws:ResourceTag'),
      },
      {
        // Workspace collaboration looks up the users to share with.
        actions: ['iam:GetUser', 'iam:GetRole'],
        resources: ['user/*', 'role/*'].map(resource => stack.formatArn({ service: 'iam', region: '', resource })),
      },
      { actions: ['iam:ListUsers', 'iam:ListRoles', 'sso:GetManagedApplicationInstance', 'sso-directory:SearchUsers'], resources: ['*'] },
    ].map(props => new iam.PolicyStatement(props));
    for (const statement of statements) {
      this.serviceRole.addToPrincipalPolicy(statement);
      acknowledgeWildcards(this.serviceRole, statement,
        'EMR Studio creates the network interfaces and security groups of Workspaces; the tag for-use-with-amazon-emr-managed-policies limits them, as AWS documents');
    }
  }

  /** The basic user permissions AWS documents for EMR Studio users. */
  private basicUserStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        actions: [
          'CreateEditor', 'DescribeEditor', 'ListEditors', 'StartEditor', 'StopEditor', 'DeleteEditor', 'OpenEditorInConsole',
          'AttachEditor', 'DetachEditor', 'CreateRepository', 'DescribeRepository', 'DeleteRepository', 'ListRepositories',
          'LinkRepository', 'UnlinkRepository', 'DescribeCluster', 'ListInstanceGroups', 'ListBootstrapActions', 'ListClusters',
          'ListSteps', 'CreatePersistentAppUI', 'DescribePersistentAppUI', 'GetPersistentAppUIPresignedURL', 'GetOnClusterAppUIPresignedURL',
        ].map(action => `elasticmapreduce:${action}`),
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.serviceRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'elasticmapreduce.amazonaws.com' } },
      }),
      new iam.PolicyStatement({
        actions: ['ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [this.workspaceBucket.bucketArn],
      }),
    ];
  }
}
