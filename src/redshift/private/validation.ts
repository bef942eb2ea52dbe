import { validateLength, validatePattern } from '../../private/validation';

// Patterns and lengths shared by AWS::Redshift::RedshiftIdcApplication and AWS::Redshift::QEV2IdcApplication.
const APPLICATION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const DISPLAY_NAME = /^[\w+=,.@-]+$/;

export function validateRedshiftApplicationName(prop: string, value: string | undefined): void {
  validateLength(prop, value, 1, 63);
  validatePattern(prop, value, APPLICATION_NAME,
    'must be lower-case letters and digits in words joined by single hyphens, starting with a letter ([a-z][a-z0-9]*(-[a-z0-9]+)*)');
}

export function validateIdcDisplayName(value: string): void {
  validateLength('idcDisplayName', value, 1, 127);
  validatePattern('idcDisplayName', value, DISPLAY_NAME, 'may contain only letters, digits and _+=,.@-');
}
