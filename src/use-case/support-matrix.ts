import { IConstruct } from 'constructs';
import { invalid, spelled } from '../private/validation';
import { authorizationServices } from '../trust-chain/binding';
import { ClientApplicationKind, DataAuthorizationKind, QueryServiceKind, SupportedCombination } from '../trust-chain/kinds';

const C = ClientApplicationKind;
const Q = QueryServiceKind;
const A = DataAuthorizationKind;

/**
 * The combinations `TipUseCase` builds: the trusted identity propagation use cases of the IAM
 * Identity Center, Redshift, Athena, Lake Formation and QuickSight user guides (late 2026).
 * Athena through JDBC/ODBC follows the Athena guide ("Use trusted identity propagation with
 * Athena drivers"), which documents it although the Identity Center guide does not list it.
 * EMR Serverless and Glue follow their own guides (EMR Serverless User Guide, "Trusted identity
 * propagation"; Glue Developer Guide, "Trusted identity propagation with AWS Glue"), which the
 * Identity Center guide's use-case page does not list either.
 */
export const SUPPORT_MATRIX: SupportedCombination[] = [
  {
    clientApplication: C.QUICKSIGHT,
    queryService: Q.REDSHIFT,
    authorization: A.REDSHIFT_ROLES,
    conditions: 'QuickSight subscribed with the same Identity Center instance; Direct Query only (no SPICE)',
  },
  {
    clientApplication: C.QUICKSIGHT,
    queryService: Q.REDSHIFT,
    authorization: A.LAKE_FORMATION,
    conditions: 'Redshift Spectrum or lakehouse tables authorized by Lake Formation',
  },
  {
    clientApplication: C.QUICKSIGHT,
    queryService: Q.ATHENA,
    authorization: A.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
    conditions: 'one region and one instance; SPICE, custom SQL, alerts and exports off',
  },
  {
    clientApplication: C.REDSHIFT_QUERY_EDITOR,
    queryService: Q.REDSHIFT,
    authorization: A.REDSHIFT_ROLES,
    conditions: 'Query Editor v2 connects only to Redshift',
  },
  {
    clientApplication: C.REDSHIFT_QUERY_EDITOR,
    queryService: Q.REDSHIFT,
    authorization: A.LAKE_FORMATION,
    conditions: 'Lake Formation query and Redshift connect integrations on',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.REDSHIFT,
    authorization: A.REDSHIFT_ROLES,
    conditions: 'token exchange with CreateTokenWithIAM; scope redshift:connect',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.REDSHIFT,
    authorization: A.LAKE_FORMATION,
    conditions: 'scopes redshift:connect and lakeformation:query',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.ATHENA,
    authorization: A.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
    conditions: 'scopes athena:workgroup:read_write, lakeformation:query and s3:access_grants:read_write',
  },
  {
    clientApplication: C.EMR_STUDIO,
    queryService: Q.EMR_ON_EC2,
    authorization: A.LAKE_FORMATION,
    conditions: 'Spark on EMR 6.15.0 or later; Lake Formation allows full-table external data access; in-transit encryption; no HA clusters',
  },
  {
    clientApplication: C.EMR_STUDIO,
    queryService: Q.EMR_ON_EC2,
    authorization: A.S3_ACCESS_GRANTS,
    conditions: 'Spark on EMR 6.15.0 or later, emrfs-site S3 Access Grants on without IAM fallback; in-transit encryption; no HA clusters',
  },
  {
    clientApplication: C.EMR_STUDIO,
    queryService: Q.EMR_ON_EC2,
    authorization: A.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
    conditions: 'Spark on EMR 6.15.0 or later; Lake Formation (full-table external data access) for catalog tables, S3 Access Grants for S3 paths',
  },
  {
    clientApplication: C.EMR_STUDIO,
    queryService: Q.ATHENA,
    authorization: A.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
    conditions: 'queries in the EMR Studio Query Editor; Identity Center enabled workgroup',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.EMR_SERVERLESS,
    authorization: A.LAKE_FORMATION,
    conditions: 'Spark interactive sessions through the Livy endpoint on EMR 7.8.0 or later; no batch or streaming jobs',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.EMR_SERVERLESS,
    authorization: A.S3_ACCESS_GRANTS,
    conditions: 'Spark interactive sessions through the Livy endpoint on EMR 7.8.0 or later; no batch or streaming jobs',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.EMR_SERVERLESS,
    authorization: A.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
    conditions: 'Spark interactive sessions through the Livy endpoint on EMR 7.8.0 or later; no batch or streaming jobs',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.GLUE_INTERACTIVE_SESSIONS,
    authorization: A.LAKE_FORMATION,
    conditions: 'Glue 5.0 interactive sessions started with identity-enhanced credentials, through the API; no jobs',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.GLUE_INTERACTIVE_SESSIONS,
    authorization: A.S3_ACCESS_GRANTS,
    conditions: 'Glue 5.0 interactive sessions started with identity-enhanced credentials, through the API; no jobs',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.GLUE_INTERACTIVE_SESSIONS,
    authorization: A.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
    conditions: 'Glue 5.0 interactive sessions started with identity-enhanced credentials, through the API; no jobs',
  },
  {
    clientApplication: C.SQL_CLIENTS,
    queryService: Q.ATHENA,
    authorization: A.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
    conditions: 'Athena JDBC 3.6.0 or later, ODBC 2.0.5.0 or later (JWT_TIP, BrowserOidcTip); AthenaDriverOidcAppArn tags on the application and the workgroup',
  },
  {
    clientApplication: C.SQL_CLIENTS,
    queryService: Q.REDSHIFT,
    authorization: A.REDSHIFT_ROLES,
    conditions: 'Redshift drivers with IdpTokenAuthPlugin (EXT_JWT) or BrowserIdcAuthPlugin; the issuer in the Redshift IdC application\'s token issuers',
  },
  {
    clientApplication: C.SQL_CLIENTS,
    queryService: Q.REDSHIFT,
    authorization: A.LAKE_FORMATION,
    conditions: 'Redshift drivers as above; Lake Formation query and Redshift connect integrations on',
  },
  {
    clientApplication: C.TRANSFER_WEB_APP,
    queryService: Q.S3,
    authorization: A.S3_ACCESS_GRANTS,
    conditions: 'S3 Access Grants with Identity Center; users assigned to the web app and granted locations; CORS on the buckets for the web app',
  },
  {
    clientApplication: C.CUSTOM_APPLICATION,
    queryService: Q.S3,
    authorization: A.S3_ACCESS_GRANTS,
    conditions: 'GetDataAccess with identity-enhanced credentials; scope s3:access_grants:read_write',
  },
];

const describe = (client: string, query: string, authorization: string) => `"${client}" → "${query}" → "${authorization}"`;

/**
 * Throws unless AWS supports the combination: for a known missing prerequisite, an error that
 * names it; otherwise an error that names the combination and the nearest supported one.
 */
export function requireSupported(
  useCase: IConstruct, client: ClientApplicationKind, query: QueryServiceKind, authorization: DataAuthorizationKind,
): void {
  if (SUPPORT_MATRIX.some(row => row.clientApplication === client && row.queryService === query && row.authorization === authorization)) return;

  if (query === Q.ATHENA && (authorization === A.LAKE_FORMATION || authorization === A.S3_ACCESS_GRANTS)) {
    const missing = authorization === A.LAKE_FORMATION
      ? 'S3 Access Grants (it serves each user their query results)'
      : 'Lake Formation (it authorizes each user\'s queries)';
    invalid(useCase, `Athena with trusted identity propagation needs Lake Formation and S3 Access Grants; ${missing} is missing. `
      + `Use ${spelled('DataAuthorization.lakeFormationAndS3AccessGrants()')}`);
  }

  if (client === C.EMR_STUDIO && query === Q.EMR_SERVERLESS) {
    // "Interactive workloads through EMR Studio doesn't support Trusted Identity Propagation"
    // (EMR-Serverless-UserGuide/security-iam-service-trusted-prop-considerations-limitations.html).
    invalid(useCase, `AWS does not support ${describe(client, query, authorization)}: EMR Serverless propagates identities only for `
      + 'interactive sessions through its Livy endpoint, not for EMR Studio\'s. Nearest supported: '
      + `${describe(C.EMR_STUDIO, Q.EMR_ON_EC2, authorization === A.REDSHIFT_ROLES ? A.LAKE_FORMATION : authorization)}, or `
      + `${describe(C.CUSTOM_APPLICATION, Q.EMR_SERVERLESS, authorization === A.REDSHIFT_ROLES ? A.LAKE_FORMATION : authorization)}`);
  }

  // The query service and client weigh most; authorizations count by the services they share.
  const score = (row: SupportedCombination) =>
    (row.queryService === query ? 2 : 0) + (row.clientApplication === client ? 2 : 0) + overlap(row.authorization, authorization);
  const nearest = [...SUPPORT_MATRIX].sort((a, b) => score(b) - score(a))[0];
  invalid(useCase, `AWS does not support ${describe(client, query, authorization)} with trusted identity propagation. `
    + `Nearest supported: ${describe(nearest.clientApplication, nearest.queryService, nearest.authorization)} (${nearest.conditions})`);
}

/** How much two authorizations share: 1 when equal, 0 when disjoint. */
function overlap(a: DataAuthorizationKind, b: DataAuthorizationKind): number {
  const [servicesOfA, servicesOfB] = [authorizationServices(a), authorizationServices(b)];
  const shared = servicesOfA.filter(service => servicesOfB.includes(service)).length;
  return shared / new Set([...servicesOfA, ...servicesOfB]).size;
}
