/**
 * A business's accent colour made readable in both themes: links, the current section and focus
 * rings are drawn in the accent on the portal's surfaces, so it needs 4.5:1 against them (WCAG 2.2
 * 1.4.3). A brand colour that has it is used as it is; one that lacks it is darkened (light theme)
 * or lightened (dark theme) just enough, keeping its hue.
 */

/** The surfaces the accent is drawn on: white in the light theme, the dark theme's lighter surface. */
const LIGHT_SURFACE = '#ffffff';
const DARK_SURFACE = '#1b2129';
const MINIMUM_CONTRAST = 4.5;
const HEX = /^#[0-9a-f]{6}$/i;

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const unit = value / 255;
    return unit <= 0.03928 ? unit / 12.92 : ((unit + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `hex` moved `amount` (0–1) of the way to `toward`. */
function mix(hex: string, toward: string, amount: number): string {
  const from = channels(hex);
  const to = channels(toward);
  return `#${from.map((value, i) => Math.round(value + (to[i]! - value) * amount).toString(16).padStart(2, '0')).join('')}`;
}

/** `accent`, or the nearest shade of it toward `toward` that reads at 4.5:1 on `surface`. */
function readableOn(accent: string, surface: string, toward: string): string {
  for (let step = 0; step <= 20; step++) {
    const shade = mix(accent, toward, step / 20);
    if (contrast(shade, surface) >= MINIMUM_CONTRAST) return shade;
  }
  return toward;
}

/** Near-black or white, whichever reads better on `background`. */
function textOn(background: string): string {
  return contrast('#ffffff', background) >= contrast('#111111', background) ? '#ffffff' : '#111111';
}

/**
 * The values for `--taba-color-accent` and `--taba-color-on-accent` from a brand colour `#rrggbb`:
 * `light-dark()` pairs, so each theme gets its readable shade; `null` for anything else.
 */
export function brandAccent(color: string | null): { accent: string; onAccent: string } | null {
  if (!color || !HEX.test(color)) return null;
  const light = readableOn(color.toLowerCase(), LIGHT_SURFACE, '#000000');
  const dark = readableOn(color.toLowerCase(), DARK_SURFACE, '#ffffff');
  return {
    accent: light === dark ? light : `light-dark(${light}, ${dark})`,
    onAccent: textOn(light) === textOn(dark) ? textOn(light) : `light-dark(${textOn(light)}, ${textOn(dark)})`,
  };
}

/**
 * The style properties that make a brand colour the accent of an element using the base styles'
 * private tokens (the sign-in form), or `null` for anything but `#rrggbb`. The page's own
 * `--taba-color-*` tokens still win, as each property falls back to the brand only without them.
 */
export function brandAccentProperties(color: string | null | undefined): Record<string, string> | null {
  const colours = brandAccent(color ?? null);
  if (!colours) return null;
  const { accent, onAccent } = colours;
  return {
    '--_accent': `var(--taba-color-accent, ${accent})`,
    '--_focus': `var(--taba-color-focus, var(--taba-color-accent, ${accent}))`,
    '--_on-accent': `var(--taba-color-on-accent, ${onAccent})`,
    '--_accent-surface': `var(--taba-color-accent-surface, color-mix(in srgb, ${accent} 12%, var(--_surface)))`,
  };
}
