import { expect } from '@open-wc/testing';
import { amountExample, parseMajorAmount } from './amount.js';

describe('parseMajorAmount', () => {
  it('turns major units into minor units by the currency’s digits', () => {
    expect(parseMajorAmount('12.34', 'USD', 'en-US')).to.deep.equal({ minor: 1234 });
    expect(parseMajorAmount('12.3', 'USD', 'en-US')).to.deep.equal({ minor: 1230 });
    expect(parseMajorAmount('12', 'USD', 'en-US')).to.deep.equal({ minor: 1200 });
    expect(parseMajorAmount('12.', 'USD', 'en-US')).to.deep.equal({ minor: 1200 });
    expect(parseMajorAmount('0.01', 'USD', 'en-US')).to.deep.equal({ minor: 1 });
    expect(parseMajorAmount('1250', 'JPY', 'en-US')).to.deep.equal({ minor: 1250 });
    expect(parseMajorAmount('1.234', 'KWD', 'en-US')).to.deep.equal({ minor: 1234 });
    expect(parseMajorAmount(' 1 234.5 ', 'USD', 'en-US')).to.deep.equal({ minor: 123450 });
  });

  it('reads the locale’s separators, groups by threes only', () => {
    expect(parseMajorAmount('1,234.50', 'USD', 'en-US')).to.deep.equal({ minor: 123450 });
    expect(parseMajorAmount('1,234,567', 'JPY', 'en-US')).to.deep.equal({ minor: 1234567 });
    expect(parseMajorAmount('1.234,50', 'EUR', 'de-DE')).to.deep.equal({ minor: 123450 });
    expect(parseMajorAmount('12,5', 'EUR', 'de-DE')).to.deep.equal({ minor: 1250 });
    expect(parseMajorAmount('12,50', 'USD', 'en-US'), 'a misplaced group separator').to.deep.equal({ problem: 'invalid' });
    expect(parseMajorAmount('12.50', 'EUR', 'de-DE')).to.deep.equal({ problem: 'invalid' });
  });

  it('refuses more decimals than the currency has', () => {
    expect(parseMajorAmount('12.345', 'USD', 'en-US')).to.deep.equal({ problem: 'decimals' });
    expect(parseMajorAmount('12.5', 'JPY', 'en-US')).to.deep.equal({ problem: 'decimals' });
    expect(parseMajorAmount('1.2345', 'KWD', 'en-US')).to.deep.equal({ problem: 'decimals' });
  });

  it('refuses nothing, zero, signs, letters and amounts past 15 minor digits', () => {
    expect(parseMajorAmount('  ', 'USD', 'en-US')).to.deep.equal({ problem: 'missing' });
    expect(parseMajorAmount('0', 'USD', 'en-US')).to.deep.equal({ problem: 'zero' });
    expect(parseMajorAmount('0.00', 'USD', 'en-US')).to.deep.equal({ problem: 'zero' });
    expect(parseMajorAmount('-5', 'USD', 'en-US')).to.deep.equal({ problem: 'invalid' });
    expect(parseMajorAmount('1e3', 'USD', 'en-US')).to.deep.equal({ problem: 'invalid' });
    expect(parseMajorAmount('$12', 'USD', 'en-US')).to.deep.equal({ problem: 'invalid' });
    expect(parseMajorAmount('9999999999999.99', 'USD', 'en-US')).to.deep.equal({ minor: 999_999_999_999_999 });
    expect(parseMajorAmount('10000000000000.00', 'USD', 'en-US')).to.deep.equal({ problem: 'tooLarge' });
  });

  it('is exact where a float is not: 0.29 is 29 cents, 4.35 is 435', () => {
    // parseFloat('0.29') * 100 is 28.999999999999996.
    expect(parseFloat('0.29') * 100).to.not.equal(29);
    expect(parseMajorAmount('0.29', 'USD', 'en-US')).to.deep.equal({ minor: 29 });
    expect(parseMajorAmount('4.35', 'USD', 'en-US')).to.deep.equal({ minor: 435 });
  });
});

describe('parseMajorAmount in Arabic', () => {
  it('reads Arabic-Indic digits and separators, and Western ones', () => {
    expect(parseMajorAmount('١٬٢٣٤٫٥٠', 'USD', 'ar')).to.deep.equal({ minor: 123450 });
    expect(parseMajorAmount('1234.50', 'USD', 'ar')).to.deep.equal({ minor: 123450 });
    expect(parseMajorAmount('\u200f٥٠', 'USD', 'ar')).to.deep.equal({ minor: 5000 });
  });

  it('reads back the example it shows', () => {
    expect(parseMajorAmount(amountExample('USD', 'ar'), 'USD', 'ar')).to.deep.equal({ minor: 123456 });
    expect(parseMajorAmount(amountExample('KWD', 'ar-EG'), 'KWD', 'ar-EG')).to.deep.equal({ minor: 1234567 });
  });
});

describe('amountExample', () => {
  it('shows the currency’s digits in the locale', () => {
    expect(amountExample('USD', 'en-US')).to.equal('1,234.56');
    expect(amountExample('EUR', 'de-DE')).to.equal('1.234,56');
    expect(amountExample('JPY', 'en-US')).to.equal('1,234');
    expect(amountExample('KWD', 'en-US')).to.equal('1,234.567');
  });
});
