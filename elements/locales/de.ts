import type { LocaleModule } from '@lit/localize';
import { templates as home } from './de/home.js';
import { templates as shell } from './de/shell.js';
import { templates as signIn } from './de/sign-in.js';
import { templates as widgets } from './de/widgets.js';

/** German: every message of the elements by its id (see elements/shared/localize.ts), one file per area. */
export const templates: LocaleModule['templates'] = { ...widgets, ...shell, ...signIn, ...home };
