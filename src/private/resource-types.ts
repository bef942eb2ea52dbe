/**
 * The custom resource types of this library: the contract between the constructs, which
 * declare them, and the handler, which dispatches on them. Neither side imports the other.
 */
export const APPLICATION_CONFIGURATION_RESOURCE_TYPE = 'Custom::IdentityCenterApplicationConfiguration';
