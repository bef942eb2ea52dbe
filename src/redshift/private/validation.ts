import { Owner, validateLength, validatePattern } from '../../private/validation';

// Patterns and lengths shared by AWS::Redshift::RedshiftIdcApplication and AWS::Redshift::QEV2IdcApplication.
const APPLICATION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const DISPLAY_NAME = /^[\w+=,.@-]+$/;

export function validateRedshiftApplicationName(owner: Owner, prop: string, value: string | undefined): void {
  validateLength(owner, prop, value, 1, 63);
  validatePattern(owner, prop, value, APPLICATION_NAME,
    'must be lower-case letters and digits in words joined by single hyphens, starting with a letter ([a-z][a-z0-9]*(-[a-z0-9]+)*)');
}

export function validateIdcDisplayName(owner: Owner, value: string): void {
  validateLength(owner, 'idcDisplayName', value, 1, 127);
  validatePattern(owner, 'idcDisplayName', value, DISPLAY_NAME, 'may contain only letters, digits and _+=,.@-');
}
