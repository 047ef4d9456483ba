import { formatNumber } from '../shared/format.js';
import { msg, str } from '../shared/localize.js';

/**
 * The sign-in form's own words since it shows whose portal it is, counts down to "Send a new
 * code" and tells each refused link apart (ids `sign-in.*`; German and Arabic in
 * elements/locales/{de,ar}/sign-in.ts). The words it had before are in `strings.login`.
 */
export const signInStrings = {
  /** The heading once the business's brand is known. */
  headingFor: (business: string) => msg(str`Sign in to ${business}`, { id: 'sign-in.headingFor' }),
  /** The "Send a new code" button while it waits. */
  resendIn: (seconds: number) => msg(str`Resend code in ${formatNumber(seconds)} s`, { id: 'sign-in.resendIn' }),
  /** Announced when the wait is over. */
  get resendReady() {
    return msg('You can send a new code now.', { id: 'sign-in.resendReady' });
  },
  errors: {
    get linkExpired() {
      return msg('This sign-in link has expired. Enter your email to get a new one.', { id: 'sign-in.errors.linkExpired' });
    },
    get linkReplaced() {
      return msg('A newer sign-in email was sent, so this link no longer works. Open the link in the latest email, or enter your email to get a new one.', {
        id: 'sign-in.errors.linkReplaced',
      });
    },
    get linkUsed() {
      return msg('This sign-in link was already used, and each link works once. Enter your email to get a new one.', {
        id: 'sign-in.errors.linkUsed',
      });
    },
    get linkTooManyAttempts() {
      return msg('This sign-in link no longer works because a wrong code was entered too many times. Enter your email to get a new one.', {
        id: 'sign-in.errors.linkTooManyAttempts',
      });
    },
    get tooManyAttempts() {
      return msg('Too many wrong codes, so this code no longer works. Send a new code and use the one in the new email.', {
        id: 'sign-in.errors.tooManyAttempts',
      });
    },
  },
};
