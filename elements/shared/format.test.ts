import { expect } from '@open-wc/testing';
import { formatDate, formatDay, formatDecimal, formatFileSize, formatHours, formatMoney, formatNumber, formatPercent } from './format.js';
import { setPortalLocale } from './localize.js';

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('formatMoney', () => {
  it('turns minor units into the currency’s own number of decimals', () => {
    expect(formatMoney({ amount: 125000, currency: 'USD' }, 'en-US')).to.equal('$1,250.00');
    expect(formatMoney({ amount: 98000, currency: 'EUR' }, 'en-US')).to.equal('€980.00');
    expect(formatMoney({ amount: 1250, currency: 'JPY' }, 'en-US')).to.equal('¥1,250');
    expect(normalised(formatMoney({ amount: 1250, currency: 'BHD' }, 'en-US'))).to.equal('BHD 1.250');
    expect(formatMoney({ amount: 5, currency: 'USD' }, 'en-US')).to.equal('$0.05');
  });

  it('follows the locale', () => {
    expect(normalised(formatMoney({ amount: 98000, currency: 'EUR' }, 'de-DE'))).to.equal('980,00 €');
  });

  it('keeps the largest amount the contract allows exact to the cent', () => {
    expect(formatMoney({ amount: 999_999_999_999, currency: 'USD' }, 'en-US')).to.equal('$9,999,999,999.99');
  });
});

describe('formatMoney(amount, currency, locale)', () => {
  it('uses each currency’s own minor digits: JPY none, USD two, KWD three', () => {
    expect(formatMoney(1250, 'JPY', 'en-US')).to.equal('¥1,250');
    expect(formatMoney(0, 'JPY', 'en-US')).to.equal('¥0');
    expect(formatMoney(123450, 'USD', 'en-US')).to.equal('$1,234.50');
    expect(formatMoney(50, 'USD', 'en-US')).to.equal('$0.50');
    expect(normalised(formatMoney(1_234_567, 'KWD', 'en-US'))).to.equal('KWD 1,234.567');
    expect(normalised(formatMoney(5, 'KWD', 'en-US'))).to.equal('KWD 0.005');
  });

  it('follows the locale: de-DE writes 1.234,50 €', () => {
    expect(normalised(formatMoney(123450, 'EUR', 'de-DE'))).to.equal('1.234,50 €');
    expect(normalised(formatMoney(1250, 'JPY', 'de-DE'))).to.equal('1.250 ¥');
  });

  it('shows negative amounts with their sign', () => {
    expect(formatMoney(-1250, 'USD', 'en-US')).to.equal('-$12.50');
    expect(normalised(formatMoney(-5, 'KWD', 'en-US'))).to.equal('-KWD 0.005');
  });

  it('keeps amounts past 2^53 / 100 exact: no float division', () => {
    // Divided by 100 as a float, the largest safe integer loses its last cent.
    const float = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number.MAX_SAFE_INTEGER / 100);
    expect(float).to.equal('$90,071,992,547,409.90');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')).to.equal('$90,071,992,547,409.91');
    expect(normalised(formatMoney(Number.MAX_SAFE_INTEGER, 'KWD', 'en-US'))).to.equal('KWD 9,007,199,254,740.991');
    expect(formatMoney(100_000_000_000_07, 'USD', 'en-US')).to.equal('$100,000,000,000.07');
  });
});

describe('formatDay', () => {
  it('shows a calendar date as the same day in every time zone', () => {
    expect(formatDay('2026-12-31', 'en-US')).to.equal('Dec 31, 2026');
    expect(formatDay('2027-01-01', 'en-US')).to.equal('Jan 1, 2027');
    expect(formatDay('2026-03-05', 'de-DE')).to.equal('05.03.2026');
  });

  it('returns text that is not a real date unchanged', () => {
    expect(formatDay('2026-02-30')).to.equal('2026-02-30');
    expect(formatDay('31/12/2026')).to.equal('31/12/2026');
  });
});

describe('formatDate', () => {
  it('shows a medium date', () => {
    const timestamp = '2026-11-25T12:00:00.000Z';
    expect(formatDate(timestamp, 'en-US')).to.equal(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(timestamp)),
    );
  });

  it('returns text that is not a timestamp unchanged', () => {
    expect(formatDate('not a date')).to.equal('not a date');
  });
});

describe('formatFileSize', () => {
  it('uses decimal units with at most one decimal, none for bytes', () => {
    expect(formatFileSize(0, 'en-US')).to.equal('0 bytes');
    expect(formatFileSize(1, 'en-US')).to.equal('1 byte');
    expect(formatFileSize(980, 'en-US')).to.equal('980 bytes');
    expect(formatFileSize(15_300, 'en-US')).to.equal('15.3 kB');
    expect(formatFileSize(2_400_000, 'en-US')).to.equal('2.4 MB');
    expect(formatFileSize(5_000_000_000, 'en-US')).to.equal('5 GB');
  });

  it('steps up a unit rather than showing a rounded 1,000', () => {
    expect(formatFileSize(999_960, 'en-US')).to.equal('1 MB');
    expect(formatFileSize(999_940, 'en-US')).to.equal('999.9 kB');
  });

  it('follows the locale, with the language’s own unit names', () => {
    expect(normalised(formatFileSize(2_400_000, 'de-DE'))).to.equal('2,4 MB');
    expect(normalised(formatFileSize(980, 'de-DE'))).to.equal('980 Byte');
    const megabytes = new Intl.NumberFormat('ar', { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(2.4);
    expect(formatFileSize(2_400_000, 'ar')).to.equal(megabytes);
    expect(formatFileSize(2_400_000, 'ar')).not.to.contain('MB');
  });
});

describe('formatNumber, formatDecimal, formatPercent', () => {
  it('group and write decimals as the locale does, exactly', () => {
    expect(formatNumber(10_000, 'en-US')).to.equal('10,000');
    expect(formatNumber(10_000, 'de-DE')).to.equal('10.000');
    expect(formatDecimal('1234.125', 3, 'de-DE')).to.equal('1.234,125');
    expect(formatDecimal('n/a', 3, 'de-DE'), 'not a decimal: unchanged').to.equal('n/a');
    expect(formatPercent(1250, 'en-US')).to.equal('12.5%');
    expect(normalised(formatPercent(1250, 'de-DE'))).to.equal('12,5 %');
  });
});

describe('without a locale', () => {
  afterEach(async () => {
    await setPortalLocale();
  });

  it('formats for the portal’s language: the tag given to setPortalLocale', async () => {
    await setPortalLocale('de-DE');
    expect(normalised(formatMoney(123450, 'EUR'))).to.equal('1.234,50 €');
    expect(formatDay('2026-03-05')).to.equal('05.03.2026');
    expect(formatNumber(1000)).to.equal('1.000');
    expect(normalised(formatFileSize(2_400_000))).to.equal('2,4 MB');
    await setPortalLocale('ar-EG');
    expect(formatNumber(1000), 'Egyptian Arabic writes Arabic-Indic digits').to.equal('١٬٠٠٠');
    expect(formatDay('2026-03-05')).to.equal(new Intl.DateTimeFormat('ar-EG', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 5)));
  });
});

describe('formatHours', () => {
  it('keeps up to two decimals and groups thousands', () => {
    expect(formatHours(12.5, 'en-US')).to.equal('12.5');
    expect(formatHours(0.25, 'en-US')).to.equal('0.25');
    expect(formatHours(1024.75, 'en-US')).to.equal('1,024.75');
    expect(formatHours(3, 'de-DE')).to.equal('3');
  });
});
