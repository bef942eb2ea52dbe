import {
  AccessScope,
} from '../../src';


describe('AccessScope', () => {
  test('names the AWS scopes', () => {
    expect([
      AccessScope.REDSHIFT_CONNECT, AccessScope.LAKE_FORMATION_QUERY, AccessScope.S3_ACCESS_GRANTS_READ_WRITE,
      AccessScope.ATHENA_WORKGROUP_READ_WRITE, AccessScope.QBUSINESS_CONVERSATIONS_ACCESS,
      AccessScope.QBUSINESS_CONTENT_ACCESS, AccessScope.SSO_ACCOUNT_ACCESS,
    ].map(String)).toEqual([
      'redshift:connect', 'lakeformation:query', 's3:access_grants:read_write', 'athena:workgroup:read_write',
      'qbusiness:conversations:access', 'qbusiness:content:access', 'sso:account:access',
    ]);
  });

  test.each(['redshift', 'a:b', 'x_1:y_2:z_3', 'a'.repeat(50)])('of accepts %s', name => {
    expect(AccessScope.of(name).name).toBe(name);
  });

  test.each([
    ['four parts', 'a:b:c:d'],
    ['a dash', 'redshift-connect'],
    ['an empty part', 'redshift::connect'],
    ['a part over 50 characters', `${'a'.repeat(51)}:b`],
    ['nothing', ''],
  ])('of rejects %s', (_name, name) => {
    expect(() => AccessScope.of(name)).toThrow(
      `AccessScope: name must be one to three parts of letters, digits or underscores (each at most 50) joined by ":" (got ${JSON.stringify(name)})`);
  });
});
