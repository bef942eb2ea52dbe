import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import {
  AccessScope,
  ApplicationGrant,
  AthenaIdentityCenterWorkGroup,
  IdentityCenterApplication,
  LakeFormationIdentityCenterConfiguration,
  RedshiftIdcApplication,
  S3AccessGrantsIdentityCenter,
  TrustedTokenIssuer,
} from '../../src';
import { stackWithInstance, synth } from '../util/synth';

/**
 * Every validated prop under random input: valid values always synthesize a template (which
 * cfn-lint then checks, see test/setup-after-env.ts); invalid values always throw our error,
 * naming the prop, never a TypeError or a template CloudFormation would reject.
 */
export const VALID_RUNS = 12;
export const INVALID_RUNS = 150;

const seed = Number(process.env.FC_SEED ?? 20261129);
const valid = { numRuns: VALID_RUNS, seed };
const invalid = { numRuns: INVALID_RUNS, seed };

const withInstance = stackWithInstance;

/** Runs `build` and expects our validation error, which starts with where and what: `TestStack/App: applicationName`. */
function expectRejected(subject: string, build: () => void): void {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(TypeError);
  expect((error as Error).message.startsWith(subject)).toBe(true);
}

const chars = (set: string) => fc.constantFrom(...set.split(''));
const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
const stringOf = (set: string, min: number, max: number) => fc.array(chars(set), { minLength: min, maxLength: max }).map(a => a.join(''));
/** A string of `min..max` characters with at least one outside `set`. */
const stringNotOf = (set: string, min: number, max: number) =>
  fc.tuple(
    stringOf(set, Math.max(0, min - 1), Math.max(0, max - 1)),
    fc.string({ minLength: 1, maxLength: 1 }).filter(c => !set.includes(c)),
    fc.nat(),
  )
    .map(([s, c, at]) => { const i = at % (s.length + 1); return s.slice(0, i) + c + s.slice(i); });

describe('TrustedTokenIssuer', () => {
  const NAME = `${WORD}+=,.@-`;

  test('valid names, URLs and claim paths synthesize', () => {
    fc.assert(fc.property(
      stringOf(NAME, 1, 255),
      fc.webUrl({ validSchemes: ['https'], withQueryParameters: false, withFragments: false })
        .filter(url => url.length <= 512 && /^https?:\/\/[-a-zA-Z0-9+&@/%=~_|!:,.;]*[-a-zA-Z0-9+&@/%=~_|]$/.test(url)),
      fc.constantFrom('email', 'sub', 'preferred_username', 'user.email', 'upn'),
      (name, issuerUrl, claimAttributePath) => {
        const { stack, instance } = withInstance();
        new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl, trustedTokenIssuerName: name, claimAttributePath });
        synth(stack).hasResourceProperties('AWS::SSO::TrustedTokenIssuer', { Name: name });
      }), valid);
  });

  test('invalid names are rejected', () => {
    fc.assert(fc.property(fc.oneof(stringNotOf(NAME, 1, 255), stringOf(NAME, 256, 300)), name => {
      const { stack, instance } = withInstance();
      expectRejected('TestStack/Idp: trustedTokenIssuerName', () => new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl: 'https://idp.example.com', trustedTokenIssuerName: name }));
    }), invalid);
  });

  test('any URL AWS would refuse is rejected', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), issuerUrl => {
      fc.pre(!(issuerUrl.startsWith('https://') && issuerUrl.length <= 512 && /^https?:\/\/[-a-zA-Z0-9+&@/%=~_|!:,.;]*[-a-zA-Z0-9+&@/%=~_|]$/.test(issuerUrl)));
      const { stack, instance } = withInstance();
      expectRejected('TestStack/Idp: issuerUrl', () => new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl }));
    }), invalid);
  });
});

describe('IdentityCenterApplication', () => {
  const NAME = `${WORD}+=,.@-`;
  const SCOPE_PART = stringOf(WORD, 1, 50);
  const scope = fc.array(SCOPE_PART, { minLength: 1, maxLength: 3 }).map(parts => parts.join(':'));

  test('valid names, audiences and scopes synthesize', () => {
    fc.assert(fc.property(
      stringOf(NAME, 1, 100),
      fc.array(fc.string({ minLength: 1, maxLength: 512 }), { minLength: 1, maxLength: 10 }),
      fc.uniqueArray(scope, { minLength: 0, maxLength: 25 }),
      (applicationName, audiences, scopes) => {
        const { stack, instance } = withInstance();
        const issuer = new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl: 'https://idp.example.com' });
        new IdentityCenterApplication(stack, 'App', {
          instance,
          applicationName,
          grants: [ApplicationGrant.jwtBearer({ issuer, audiences })],
          accessScopes: scopes.map(name => ({ scope: AccessScope.of(name) })),
        });
        synth(stack).hasResourceProperties('AWS::SSO::Application', { Name: applicationName });
      }), valid);
  });

  test('invalid names are rejected', () => {
    fc.assert(fc.property(fc.oneof(stringNotOf(NAME, 1, 100), stringOf(NAME, 101, 150), fc.constant('')), applicationName => {
      const { stack, instance } = withInstance();
      expectRejected('TestStack/App: applicationName', () => new IdentityCenterApplication(stack, 'App', { instance, applicationName }));
    }), invalid);
  });

  test('invalid audience lists are rejected', () => {
    fc.assert(fc.property(fc.oneof(
      fc.constant<string[]>([]),
      fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 11, maxLength: 20 }),
      fc.array(fc.string({ minLength: 513, maxLength: 600 }), { minLength: 1, maxLength: 3 }),
    ), audiences => {
      const { stack, instance } = withInstance();
      const issuer = new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl: 'https://idp.example.com' });
      expectRejected('ApplicationGrant.jwtBearer: issuers[0].audiences', () => ApplicationGrant.jwtBearer({ issuer, audiences }));
    }), invalid);
  });

  test('invalid scopes are rejected', () => {
    fc.assert(fc.property(fc.oneof(
      fc.string().filter(s => !/^[A-Za-z0-9_]{1,50}(:[A-Za-z0-9_]{1,50}){0,2}$/.test(s)),
      fc.array(SCOPE_PART, { minLength: 4, maxLength: 6 }).map(parts => parts.join(':')),
    ), name => {
      expectRejected('AccessScope: name', () => AccessScope.of(name));
    }), invalid);
  });
});

describe('RedshiftIdcApplication', () => {
  const LOWER = 'abcdefghijklmnopqrstuvwxyz';
  const name = fc.tuple(chars(LOWER), fc.array(stringOf(`${LOWER}0123456789`, 1, 8), { minLength: 0, maxLength: 6 }))
    .map(([first, words]) => [first + (words[0] ?? ''), ...words.slice(1)].join('-'))
    .filter(n => n.length <= 63);
  const NAMESPACE = `${WORD}+.#@$-`;

  test('valid names and identity namespaces synthesize', () => {
    fc.assert(fc.property(name, stringOf(NAMESPACE, 1, 127), (redshiftIdcApplicationName, identityNamespace) => {
      const { stack, instance } = withInstance();
      new RedshiftIdcApplication(stack, 'Redshift', { instance, redshiftIdcApplicationName, identityNamespace, idcDisplayName: 'Redshift' });
      synth(stack).hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', { RedshiftIdcApplicationName: redshiftIdcApplicationName, IdentityNamespace: identityNamespace });
    }), valid);
  });

  test('invalid names and namespaces are rejected', () => {
    fc.assert(fc.property(fc.string().filter(s => !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(s) || s.length > 63), redshiftIdcApplicationName => {
      const { stack, instance } = withInstance();
      expectRejected('TestStack/R: redshiftIdcApplicationName', () => new RedshiftIdcApplication(stack, 'R', { instance, redshiftIdcApplicationName, idcDisplayName: 'R' }));
    }), invalid);
    fc.assert(fc.property(fc.oneof(stringNotOf(NAMESPACE, 1, 127), stringOf(NAMESPACE, 128, 140)), identityNamespace => {
      const { stack, instance } = withInstance();
      expectRejected('TestStack/R: identityNamespace', () => new RedshiftIdcApplication(stack, 'R', { instance, identityNamespace, idcDisplayName: 'R' }));
    }), invalid);
  });
});

describe('AthenaIdentityCenterWorkGroup', () => {
  const NAME = `${WORD}.-`;

  test('valid workgroup names synthesize', () => {
    fc.assert(fc.property(stringOf(NAME, 1, 128), workGroupName => {
      const { stack, instance } = withInstance();
      const lakeFormation = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
      const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
      const resultsBucket = new s3.Bucket(stack, 'Results');
      s3AccessGrants.addLocation('Results', { bucket: resultsBucket });
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, workGroupName, resultsBucket, lakeFormation, s3AccessGrants });
      synth(stack).hasResourceProperties('Custom::AthenaIdentityCenterWorkGroup', { WorkGroupName: workGroupName });
    }), valid);
  });

  test('invalid workgroup names are rejected', () => {
    fc.assert(fc.property(fc.oneof(stringNotOf(NAME, 1, 128), stringOf(NAME, 129, 150)), workGroupName => {
      const { stack, instance } = withInstance();
      const lakeFormation = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
      const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
      expectRejected('TestStack/WorkGroup: workGroupName', () =>
        new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, workGroupName, resultsBucket: new s3.Bucket(stack, 'Results'), lakeFormation, s3AccessGrants }));
    }), invalid);
  });
});
