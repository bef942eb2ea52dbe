import { QuickSightIdentityPropagation, QuickSightPropagationService } from './identity-propagation';
import { invalid } from '../private/validation';
import { BindContext, ClientApplicationBinder, ClientApplicationBinding, managedClientDiagram, QueryServiceBinding } from '../trust-chain/binding';
import { ClientApplicationKind, QueryServiceKind } from '../trust-chain/kinds';

/** The QuickSight propagation service of each query service QuickSight reaches as its users. */
const PROPAGATION_SERVICES: Partial<Record<QueryServiceKind, QuickSightPropagationService>> = {
  [QueryServiceKind.REDSHIFT]: QuickSightPropagationService.REDSHIFT,
  [QueryServiceKind.ATHENA]: QuickSightPropagationService.ATHENA,
};

/** Users sign in to QuickSight, which passes their identity on: `ClientApplication.quickSight()`. */
export class QuickSightClient implements ClientApplicationBinder {
  public readonly kind = ClientApplicationKind.QUICKSIGHT;

  constructor(
    /** Whether propagation QuickSight already has for a service is adopted. */
    private readonly adoptExisting?: boolean,
  ) {}

  public bind(context: BindContext, queryServices: QueryServiceBinding[]): ClientApplicationBinding {
    for (const query of queryServices) {
      const service = PROPAGATION_SERVICES[query.kind];
      // The support matrix pairs QuickSight only with these services; this holds the two tables together.
      if (!service || !query.identityCenterApplication) {
        invalid(context.scope, `QuickSight cannot propagate identities to ${query.kind}; it reaches ${Object.keys(PROPAGATION_SERVICES).join(', ')}`);
      }
      new QuickSightIdentityPropagation(context.scope, `QuickSightTo${query.kind}`, {
        service,
        authorizedTargets: [query.identityCenterApplication],
        adoptExisting: this.adoptExisting,
      });
    }
    // Users and groups are assigned in QuickSight itself, which subscribes them from the instance.
    return { diagram: managedClientDiagram(this.kind), edgeLabel: () => 'identity propagation' };
  }
}
