import { serve } from './serve';
import { onTipVerificationEvent } from './tip-verification';
import { TIP_VERIFICATION } from '../contracts/tip-verification';

/**
 * The verification family's handler: read calls only, so its role holds read actions only.
 * Keyed by the family's types, so a type without a handler is a compile error.
 */
export const { dispatch, handler } = serve<'verification'>({
  [TIP_VERIFICATION]: onTipVerificationEvent,
});
