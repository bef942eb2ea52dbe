/** The custom resource that creates an Identity Center enabled Athena workgroup. */
export const ATHENA_WORKGROUP = 'Custom::AthenaIdentityCenterWorkGroup';

export interface AthenaWorkGroupProperties {
  readonly WorkGroupName: string;
  readonly WorkGroupArn: string;
  readonly InstanceArn: string;
  readonly OutputLocation: string;
  readonly CreateUserLevelPrefix: boolean;
  readonly EngineVersion: string;
  readonly ExecutionRoleArn: string;
  /** The workgroup's own tags (the handler adds its owner tags besides). */
  readonly Tags?: Array<{ readonly Key: string; readonly Value: string }>;
}

/** What the resource reports: `Fn::GetAtt` names. */
export const ATHENA_WORKGROUP_ATTRIBUTES = { identityCenterApplicationArn: 'IdentityCenterApplicationArn' } as const;
