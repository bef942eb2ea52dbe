"""The published Python package, used the way a Python CDK app uses it."""
import json

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_emr as emr
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Match, Template

from cdk_trusted_identity_propagation import (
    AccessScope,
    ApplicationAccessScope,
    ApplicationGrant,
    AthenaIdentityCenterWorkGroup,
    ClientApplication,
    ClientApplicationKind,
    DataAuthorization,
    DataAuthorizationKind,
    EmrIdentityCenterSecurityConfiguration,
    EmrStudio,
    EmrTlsCertificates,
    QueryService,
    QueryServiceKind,
    TipUseCase,
    IdentityCenterApplication,
    IdentityCenterInstance,
    JwtBearerIssuer,
    LakeFormationIdentityCenterConfiguration,
    QuickSightIdentityPropagation,
    QuickSightPropagationService,
    RedshiftIdcApplication,
    S3AccessGrantPermission,
    S3AccessGrantsIdentityCenter,
    TipChecks,
    TrustedTokenIssuer,
)

INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6"


def build_stack():
    app = cdk.App()
    stack = cdk.Stack(app, "PythonStack", env=cdk.Environment(account="111122223333", region="us-east-1"))
    instance = IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN)
    okta = TrustedTokenIssuer(stack, "Okta", instance=instance, issuer_url="https://example.okta.com/oauth2/default")
    backend = iam.Role(stack, "Backend", assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"))
    application = IdentityCenterApplication(
        stack,
        "App",
        instance=instance,
        application_name="analytics-web",
        grants=[ApplicationGrant.jwt_bearer(JwtBearerIssuer(issuer=okta, audiences=["web-client"]))],
        access_scopes=[ApplicationAccessScope(scope=AccessScope.REDSHIFT_CONNECT)],
    )
    application.add_access_scope(AccessScope.of("lakeformation:query"))
    application.allow_token_exchange(backend)
    return stack


def test_trusted_token_issuer_and_application():
    template = Template.from_stack(build_stack())

    template.has_resource_properties("AWS::SSO::TrustedTokenIssuer", {
        "InstanceArn": INSTANCE_ARN,
        "TrustedTokenIssuerType": "OIDC_JWT",
        "TrustedTokenIssuerConfiguration": {"OidcJwtConfiguration": {
            "IssuerUrl": "https://example.okta.com/oauth2/default",
            "ClaimAttributePath": "email",
            "IdentityStoreAttributePath": "emails.value",
            "JwksRetrievalOption": "OPEN_ID_DISCOVERY",
        }},
    })
    template.has_resource_properties("AWS::SSO::Application", {"Name": "analytics-web", "InstanceArn": INSTANCE_ARN})
    template.has_resource_properties("Custom::IdentityCenterApplicationConfiguration", {
        "Grants": [{
            "GrantType": "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "Grant": {"JwtBearer": {"AuthorizedTokenIssuers": [{
                "TrustedTokenIssuerArn": {"Fn::GetAtt": [Match.string_like_regexp("^Okta"), "TrustedTokenIssuerArn"]},
                "AuthorizedAudiences": ["web-client"],
            }]}},
        }],
        "AccessScopes": [{"Scope": "redshift:connect"}, {"Scope": "lakeformation:query"}],
        "AssignmentRequired": True,
    })
    configuration = list(template.find_resources("Custom::IdentityCenterApplicationConfiguration").values())[0]
    actor_policy = configuration["Properties"]["AuthenticationMethods"][0]["AuthenticationMethod"]["Iam"]["ActorPolicy"]
    assert actor_policy["Statement"][0]["Action"] == "sso-oauth:CreateTokenWithIAM"
    assert "Backend" in json.dumps(actor_policy["Statement"][0]["Principal"])


def test_bad_input_raises_a_clear_error():
    stack = cdk.Stack(cdk.App(), "Bad")
    instance = IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN)
    with pytest.raises(Exception, match=r'Bad/Idp: issuerUrl must start with https:// \(got "http://idp.example.com"\)'):
        TrustedTokenIssuer(stack, "Idp", instance=instance, issuer_url="http://idp.example.com")


def test_redshift_quicksight_and_athena_lakehouse():
    app = cdk.App()
    stack = cdk.Stack(app, "Services", env=cdk.Environment(account="111122223333", region="us-east-1"))
    instance = IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN)
    redshift = RedshiftIdcApplication(stack, "Redshift", instance=instance, idc_display_name="Redshift", redshift_connect=True)
    QuickSightIdentityPropagation(stack, "QuickSight", service=QuickSightPropagationService.REDSHIFT,
                                  authorized_targets=[redshift.identity_center_application])
    results = s3.Bucket(stack, "Results")
    lake_formation = LakeFormationIdentityCenterConfiguration(stack, "LakeFormation", instance=instance)
    grants = S3AccessGrantsIdentityCenter(stack, "AccessGrants", instance=instance)
    grants.add_location("Results", bucket=results).grant_to_group(
        "a1b2c3d4-1111-2222-3333-444455556666", S3AccessGrantPermission.READ)
    AthenaIdentityCenterWorkGroup(stack, "WorkGroup", instance=instance, work_group_name="analysts", results_bucket=results,
                                  lake_formation=lake_formation, s3_access_grants=grants)

    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::Redshift::RedshiftIdcApplication", {
        "ServiceIntegrations": [{"Redshift": [{"Connect": {"Authorization": "Enabled"}}]}],
    })
    template.has_resource_properties("Custom::QuickSightIdentityPropagation", {"Service": "REDSHIFT"})
    template.has_resource("Custom::AthenaIdentityCenterWorkGroup", {
        "Properties": {"WorkGroupName": "analysts", "InstanceArn": INSTANCE_ARN},
        "DependsOn": Match.array_with([Match.string_like_regexp("^AccessGrants"), Match.string_like_regexp("^LakeFormation")]),
    })
    assert len(template.find_resources("AWS::Lambda::Function")) == 1


def test_athena_with_unregistered_results_fails_at_synth():
    stack = cdk.Stack(cdk.App(), "Athena")
    instance = IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN)
    AthenaIdentityCenterWorkGroup(stack, "WorkGroup", instance=instance, results_bucket=s3.Bucket(stack, "Results"),
        lake_formation=LakeFormationIdentityCenterConfiguration.from_lake_formation_identity_center_configuration_attributes(
            stack, "LakeFormation",
            identity_center_application_arn="arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444"),
        s3_access_grants=S3AccessGrantsIdentityCenter(stack, "AccessGrants", instance=instance))
    with pytest.raises(Exception, match=r"\[Athena/WorkGroup\] the results location .* is not registered with S3 Access Grants"):
        Template.from_stack(stack)


def lakehouse_use_case(stack, **options):
    """A custom application on an Athena lakehouse: Lake Formation and S3 Access Grants authorize."""
    backend = iam.Role(stack, "Backend", assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"))
    return TipUseCase(stack, "Lakehouse",
        instance=IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN),
        client_application=ClientApplication.custom_application(
            issuer_url="https://example.okta.com/oauth2/default", audiences=["web"], backend=backend),
        query_services=[QueryService.athena(results_bucket=s3.Bucket(stack, "Results"), work_group_name="analysts")],
        authorization=DataAuthorization.lake_formation_and_s3_access_grants(),
        **options,
    )


def test_tip_use_case_custom_app_on_athena():
    app = cdk.App()
    stack = cdk.Stack(app, "UseCase", env=cdk.Environment(account="111122223333", region="us-east-1"))
    use_case = lakehouse_use_case(stack)
    use_case.allow_group("a1b2c3d4-1111-2222-3333-444455556666")

    template = Template.from_stack(stack)
    template.has_resource_properties("Custom::IdentityCenterApplicationConfiguration", {
        "AccessScopes": [
            Match.object_like({"Scope": "athena:workgroup:read_write"}),
            Match.object_like({"Scope": "lakeformation:query"}),
            {"Scope": "s3:access_grants:read_write"},
        ],
    })
    template.resource_count_is("Custom::LakeFormationIdentityCenterConfiguration", 1)
    template.resource_count_is("AWS::S3::AccessGrantsInstance", 1)
    assert 'athena[("Athena workgroup analysts")]' in use_case.to_mermaid()
    template.resource_count_is("AWS::SSO::ApplicationAssignment", 2)
    template.has_resource_properties("AWS::S3::AccessGrant", {"Grantee": {"GranteeType": "DIRECTORY_GROUP",
                                                                          "GranteeIdentifier": "a1b2c3d4-1111-2222-3333-444455556666"}})
    rows = TipUseCase.supported_combinations()
    assert len(rows) == 23
    assert (ClientApplicationKind.EMR_STUDIO, QueryServiceKind.EMR_ON_EC2, DataAuthorizationKind.LAKE_FORMATION) in [
        (r.client_application, r.query_service, r.authorization) for r in rows]


def test_tip_doctor_checks_at_synth_and_verifies_the_deployed_chain():
    app = cdk.App()
    cdk.Aspects.of(app).add(TipChecks())
    stack = cdk.Stack(app, "Doctor", env=cdk.Environment(account="111122223333", region="us-east-1"))
    use_case = lakehouse_use_case(stack, verify=True, fail_on_missing_link=False)
    cdk.CfnOutput(stack, "Report", value=use_case.verification_report)
    unassigned = IdentityCenterApplication(stack, "Unassigned",
        instance=IdentityCenterInstance.from_instance_arn(stack, "Other", INSTANCE_ARN))
    TipChecks.acknowledge(unassigned, "TIP4", "Assigned by the identity team's own stack")

    assembly = app.synth()
    messages = [str(m.entry.data) for m in assembly.get_stack_by_name("Doctor").messages]
    # The use case is not assigned to anyone yet: TIP4 warns about it, and only about it.
    assert [m for m in messages if m.startswith("[TIP")] == [m for m in messages if m.startswith("[TIP4] Doctor/Lakehouse/Application")]
    assert len([m for m in messages if m.startswith("[TIP")]) == 1
    template = Template.from_stack(stack)
    template.has_resource_properties("Custom::TipVerification", {"FailOnMissingLink": False})
    template.has_output("Report", {"Value": {"Fn::GetAtt": [Match.string_like_regexp("LakehouseVerification"), "Report"]}})
    with pytest.raises(Exception, match="ruleId must be one of TIP1"):
        TipChecks.acknowledge(stack, "TIP0", "not a rule of the doctor")


def test_tip_use_case_rejects_an_unsupported_combination():
    stack = cdk.Stack(cdk.App(), "Unsupported")
    with pytest.raises(Exception, match='AWS does not support "Redshift Query Editor v2" → "Athena"'):
        TipUseCase(stack, "UseCase",
            instance=IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN),
            client_application=ClientApplication.redshift_query_editor(),
            query_services=[QueryService.athena(results_bucket=s3.Bucket(stack, "Results"))],
            authorization=DataAuthorization.lake_formation_and_s3_access_grants(),
        )


def test_an_error_that_says_what_to_call_reads_in_python_too():
    stack = cdk.Stack(cdk.App(), "LakeFormationOnly")
    with pytest.raises(Exception, match=r"in Python: DataAuthorization\.lake_formation_and_s3_access_grants\(\)"):
        TipUseCase(stack, "UseCase",
            instance=IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN),
            client_application=ClientApplication.quick_sight(),
            query_services=[QueryService.athena(results_bucket=s3.Bucket(stack, "Results"))],
            authorization=DataAuthorization.lake_formation(),
        )


def test_existing_account_pieces_are_used_only_when_asked():
    stack = cdk.Stack(cdk.App(), "Existing", env=cdk.Environment(account="111122223333", region="us-east-1"))
    instance = IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN)
    S3AccessGrantsIdentityCenter(stack, "AccessGrants", instance=instance, use_existing_instance=True)
    LakeFormationIdentityCenterConfiguration(stack, "LakeFormation", instance=instance, adopt_existing=True)

    template = Template.from_stack(stack)
    template.resource_count_is("AWS::S3::AccessGrantsInstance", 0)
    template.has_resource_properties("Custom::S3AccessGrantsIdentityCenter", {"IdentityCenterInstanceArn": INSTANCE_ARN})
    template.has_resource_properties("Custom::LakeFormationIdentityCenterConfiguration", {"AdoptExisting": True})


def test_emr_studio_on_emr_on_ec2_with_lake_formation():
    stack = cdk.Stack(cdk.App(), "Spark", env=cdk.Environment(account="111122223333", region="us-east-1"))
    instance = IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN)
    vpc = ec2.Vpc.from_vpc_attributes(stack, "Vpc", vpc_id="vpc-0123456789abcdef0", availability_zones=["us-east-1a"],
                                      private_subnet_ids=["subnet-0123456789abcdef0"])
    studio = EmrStudio(stack, "Studio", instance=instance, vpc=vpc, studio_name="data-science")
    studio.assign_group("Data Scientists")
    security = EmrIdentityCenterSecurityConfiguration(
        stack, "SparkSecurity",
        instance=instance,
        tls_certificates=EmrTlsCertificates.from_pem_zip(s3.Bucket(stack, "Certificates"), "emr/certificates.zip"),
        lake_formation=True,
    )
    cluster = emr.CfnCluster(stack, "Cluster", name="spark", release_label="emr-7.2.0",
                             job_flow_role=security.instance_profile.instance_profile_name,
                             service_role="EMR_DefaultRole_V2",
                             instances=emr.CfnCluster.JobFlowInstancesConfigProperty(
                                 master_instance_group=emr.CfnCluster.InstanceGroupConfigProperty(instance_count=1, instance_type="m5.xlarge")))
    security.configure_cluster(cluster)
    use_case = TipUseCase(stack, "UseCase",
        instance=instance,
        client_application=ClientApplication.emr_studio(studio),
        query_services=[QueryService.emr_on_ec2(security)],
        authorization=DataAuthorization.lake_formation(),
    )

    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::EMR::Studio", {"AuthMode": "SSO", "TrustedIdentityPropagationEnabled": True, "IdcUserAssignment": "REQUIRED"})
    template.has_resource_properties("AWS::EMR::Cluster", {"SecurityConfiguration": {"Ref": Match.string_like_regexp("SparkSecurity")}})
    template.resource_count_is("Custom::LakeFormationIdentityCenterConfiguration", 1)
    assert 'emrec2[("EMR on EC2' in use_case.to_mermaid()

    with pytest.raises(Exception, match=r"set s3AccessGrants: true \(in Python: s3_access_grants=True\) on it"):
        TipUseCase(stack, "Mismatch",
            instance=instance,
            client_application=ClientApplication.emr_studio(studio),
            query_services=[QueryService.emr_on_ec2(security)],
            authorization=DataAuthorization.lake_formation_and_s3_access_grants(),
        )


def test_sql_clients_on_athena_output_the_connection_string():
    stack = cdk.Stack(cdk.App(), "SqlClients", env=cdk.Environment(account="111122223333", region="us-east-1"))
    TipUseCase(stack, "UseCase",
        instance=IdentityCenterInstance.from_instance_arn(stack, "IdentityCenter", INSTANCE_ARN),
        client_application=ClientApplication.sql_clients(issuer_url="https://login.example.com/realms/analytics", audiences=["sql-clients"]),
        query_services=[QueryService.athena(results_bucket=s3.Bucket(stack, "Results"), work_group_name="analysts")],
        authorization=DataAuthorization.lake_formation_and_s3_access_grants(),
    )
    template = Template.from_stack(stack)
    template.has_resource_properties("Custom::AthenaIdentityCenterWorkGroup", {
        "Tags": [{"Key": "AthenaDriverOidcAppArn", "Value": {"Fn::GetAtt": [Match.string_like_regexp("UseCaseApplication"), "ApplicationArn"]}}],
    })
    outputs = template.to_json()["Outputs"]
    jdbc = json.dumps(next(o["Value"] for k, o in outputs.items() if k.startswith("UseCaseAthenaJdbcUrl")))
    assert "CredentialsProvider=BrowserOidcTip" in jdbc and "OidcClientId=sql-clients" in jdbc
