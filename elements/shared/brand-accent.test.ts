import { expect } from '@open-wc/testing';
import { brandAccent, contrast } from './brand-accent.js';

/** The light and dark shades of a `light-dark()` pair, or the one colour twice. */
function shades(value: string): [string, string] {
  const pair = /^light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)$/.exec(value);
  return pair ? [pair[1]!, pair[2]!] : [value, value];
}

describe('brandAccent', () => {
  it('keeps a brand colour that reads well, and shades one that does not, in each theme', () => {
    const teal = brandAccent('#0F766E')!;
    const [tealLight, tealDark] = shades(teal.accent);
    expect(tealLight, 'already 4.5:1 on white').to.equal('#0f766e');
    expect(contrast(tealDark, '#1b2129')).to.be.at.least(4.5);

    const [yellowLight, yellowDark] = shades(brandAccent('#f5c451')!.accent);
    expect(yellowLight, 'darkened for white').not.to.equal('#f5c451');
    expect(contrast(yellowLight, '#ffffff')).to.be.at.least(4.5);
    expect(yellowDark, 'already readable in the dark').to.equal('#f5c451');
  });

  it('picks text that reads on the accent in each theme', () => {
    for (const colour of ['#0f766e', '#f5c451', '#1d4ed8', '#000000', '#ffffff']) {
      const { accent, onAccent } = brandAccent(colour)!;
      const [light, dark] = shades(accent);
      const [onLight, onDark] = shades(onAccent);
      expect(contrast(onLight, light), `${colour} light`).to.be.at.least(4.5);
      expect(contrast(onDark, dark), `${colour} dark`).to.be.at.least(4.5);
    }
  });

  it('gives nothing for no colour or one not shaped #rrggbb', () => {
    expect(brandAccent(null)).to.equal(null);
    expect(brandAccent('teal')).to.equal(null);
    expect(brandAccent('#0f766')).to.equal(null);
  });
});
