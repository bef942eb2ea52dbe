export * from './identity-propagation';
export * from './data-source';
