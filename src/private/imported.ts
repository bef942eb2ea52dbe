import { IConstruct } from 'constructs';

/**
 * Pieces of a trust chain that an app imports instead of creating (made by another app, or by
 * hand). Importers mark their construct, so the TIP doctor's rules count the piece as present
 * although no template of the app shows it.
 */
export type ImportedPiece = 'LakeFormationIdentityCenterConfiguration' | 'S3AccessGrantsIdentityCenter' | 'GlueIdentityCenterConfiguration';

const IMPORTED = 'cdk-trusted-identity-propagation:imported';

export function markImported(construct: IConstruct, piece: ImportedPiece): void {
  construct.node.addMetadata(IMPORTED, piece);
}

/** The pieces imported under `scope`. */
export function importedPieces(scope: IConstruct): Set<ImportedPiece> {
  return new Set(scope.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === IMPORTED).map(m => m.data as ImportedPiece)));
}
