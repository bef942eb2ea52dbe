export * from './redshift-idc-application';
export * from './cluster-identity-provider';
export * from './query-editor-application';
export * from './use-case-options';
