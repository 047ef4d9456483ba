import type { LocaleModule } from '@lit/localize';
import { templates as home } from './ar/home.js';
import { templates as shell } from './ar/shell.js';
import { templates as signIn } from './ar/sign-in.js';
import { templates as widgets } from './ar/widgets.js';

/** Arabic: every message of the elements by its id (see elements/shared/localize.ts), one file per area. */
export const templates: LocaleModule['templates'] = { ...widgets, ...shell, ...signIn, ...home };
