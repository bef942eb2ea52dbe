/** Options for a Transfer Family web app as the client application of a `TipUseCase`. */
export interface TransferWebAppClientOptions {
  /**
   * Units of 250 concurrent sessions.
   * @default 1
   */
  readonly webAppUnits?: number;

  /**
   * The URL users open, when you serve the web app under your own domain.
   * @default - the default endpoint Transfer Family gives the web app
   */
  readonly accessEndpoint?: string;
}
