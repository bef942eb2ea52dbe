import { spelled } from '../../src/private/validation';

describe('spelled', () => {
  test.each([
    ['DataAuthorization.lakeFormationAndS3AccessGrants()', undefined, 'DataAuthorization.lakeFormationAndS3AccessGrants() (in Python: DataAuthorization.lake_formation_and_s3_access_grants())'],
    ['RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes()', undefined,
      'RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes() (in Python: RedshiftIdcApplication.from_redshift_idc_application_attributes())'],
    ['lakeFormationQuery', true, 'lakeFormationQuery: true (in Python: lake_formation_query=True)'],
    ['failOnMissingLink', false, 'failOnMissingLink: false (in Python: fail_on_missing_link=False)'],
    ['verify', undefined, 'verify'],
  ])('%s reads in both languages', (name, value, expected) => {
    expect(spelled(name, value)).toBe(expected);
  });
});
