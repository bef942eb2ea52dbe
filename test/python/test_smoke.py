"""The published Python package, used the way a Python CDK app uses it."""
import json

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Match, Template

from cdk_trusted_identity_propagation import (
    AccessScope,
    ApplicationAccessScope,
    ApplicationGrant,
    IdentityCenterApplication,
    IdentityCenterInstance,
    JwtBearerIssuer,
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
    with pytest.raises(Exception, match=r'issuerUrl must start with https:// \(got "http://idp.example.com"\)'):
        TrustedTokenIssuer(stack, "Idp", instance=instance, issuer_url="http://idp.example.com")
