/** The identities and ARNs the tests share. */

/** The Identity Center instance the tests use. */
export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1111222233334444';
/** A second Identity Center instance, for moves between instances. */
export const OTHER_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-5555666677778888';
/** The account of the test stacks. */
export const ACCOUNT = '111122223333';
/** An identity store group id. */
export const GROUP_ID = 'a1b2c3d4-1111-2222-3333-444455556666';
/** An identity store user id, in the form with a store prefix. */
export const USER_ID = '906757d3d5-11111111-2222-3333-4444-555555555555';
/** An Identity Center application of another account on the tests' instance. */
export const OTHER_ACCOUNT_APPLICATION_ARN = 'arn:aws:sso::444455556666:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';
