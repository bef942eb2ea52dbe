import { TransferWebAppClientOptions } from './use-case-options';
import { TransferWebAppIdentityCenter } from './web-app';
import { S3_ACCESS_GRANTS } from '../s3-access-grants/use-case-answer';
import { BindContext, ClientApplicationBinder, ClientApplicationBinding, managedClientDiagram } from '../trust-chain/binding';
import { ClientApplicationKind } from '../trust-chain/kinds';

/** Users sign in to a Transfer Family web app and reach S3 as themselves: `ClientApplication.transferWebApp()`. */
export class TransferWebAppClient implements ClientApplicationBinder {
  public readonly kind = ClientApplicationKind.TRANSFER_WEB_APP;

  constructor(private readonly options: TransferWebAppClientOptions) {}

  public bind(context: BindContext): ClientApplicationBinding {
    const webApp = new TransferWebAppIdentityCenter(context.scope, 'TransferWebApp', {
      instance: context.instance,
      accessGrants: context.require(S3_ACCESS_GRANTS, 'a Transfer Family web app'),
      webAppUnits: this.options.webAppUnits,
      accessEndpoint: this.options.accessEndpoint,
    });
    const application = webApp.identityCenterApplication;
    return {
      application,
      diagram: managedClientDiagram(this.kind),
      edgeLabel: () => 'identity bearer role, as the user',
      userAccess: { allowUser: id => webApp.assignUser(id), allowGroup: id => webApp.assignGroup(id) },
    };
  }
}
