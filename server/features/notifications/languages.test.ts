import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Problem } from '../../../sdk/contract/common.js';
import type { PortalContact } from '../../../sdk/contract/contacts.js';
import type { PortalProfile } from '../../../sdk/contract/profile.js';
import { createMailer } from '../../lib/mailer.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { startMailbox, type Mailbox, type ReceivedMail } from '../../test-support/mailbox.js';
import { asWorkspace, signInContact } from '../../test-support/portal.js';
import { createOutboxWorker, type OutboxWorker, type WorkerLog } from '../../worker/worker.js';
import { enqueueEmail } from '../outbox/repository.js';
import { ar } from './locales/ar.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { emailCatalogues } from './locales/index.js';
import { contactTemplates, renderEmail, type EmailNotification, type EmailTemplate } from './templates.js';

const quiet: WorkerLog = { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };
const PUBLIC_URL = 'https://portal.test';
/** A fixed day far enough ahead for a proposal to be sendable; each language writes it its own way. */
const EXPIRES_AT = '2030-03-15T12:00:00.000Z';
const CODE = /^\s+(\d{6})$/m;

let ipSerial = 0;
/** Each sign-in request from its own address, so the per-IP limit is not what is tested. */
const nextIp = () => `10.77.${(++ipSerial >> 8) & 255}.${ipSerial & 255}`;

for (const dialect of testDialects) {
  describe(`emails in the contact's language (${dialect})`, () => {
    let t: TestApp;
    let mailbox: Mailbox;
    let worker: OutboxWorker;
    let workspaceId: string;
    let apiKey: string;
    let serial = 0;

    before(async () => {
      mailbox = await startMailbox();
      t = await createTestApp(dialect, { smtpUrl: mailbox.url, publicUrl: PUBLIC_URL });
      ({ workspaceId, apiKey } = await t.newWorkspace('Northwind Studio'));
      const mailer = createMailer({ smtpUrl: t.config.smtpUrl, from: t.config.mailFrom, log: quiet });
      worker = createOutboxWorker({ database: { db: t.app.db, dialect }, config: t.config, mailer, log: quiet });
    });
    after(async () => {
      await t.close();
      await mailbox.close();
    });

    const team = () => asWorkspace(t.app, apiKey);
    /** A new customer with one contact; `locale` is sent only when given. */
    const newContact = async (name: string, locale?: string | null) => {
      const email = `${name.toLowerCase().replace(/\W/g, '.')}.${++serial}@customer.example`;
      const customer = await team()('POST', '/v1/workspace/customers', { name: `${name} ${serial} GmbH` });
      assert.equal(customer.statusCode, 201, customer.body);
      const customerId = customer.json<{ id: string }>().id;
      const created = await team()('POST', `/v1/workspace/customers/${customerId}/contacts`, {
        displayName: name,
        email,
        role: 'Buyer',
        ...(locale !== undefined && { locale }),
      });
      assert.equal(created.statusCode, 201, created.body);
      return { email, customerId, contact: created.json<PortalContact>() };
    };
    const storedLocale = async (contactId: string) =>
      (await t.app.db.selectFrom('portal_contacts').select('locale').where('id', '=', contactId).executeTakeFirstOrThrow()).locale;
    const requestSignIn = (email: string, locale?: string) =>
      t.app.inject({ method: 'POST', url: '/v1/portal/sign-in', payload: { workspaceId, email, ...(locale && { locale }) }, remoteAddress: nextIp() });
    /** Asks for a sign-in and reads the email that arrives. */
    const signInMail = async (email: string, locale?: string): Promise<ReceivedMail> => {
      const before = mailbox.received(email).length;
      const response = await requestSignIn(email, locale);
      assert.equal(response.statusCode, 202, response.body);
      const mails = await mailbox.waitFor(email, before + 1);
      const mail = mails[mails.length - 1] as ReceivedMail;
      assert.match(mail.text, CODE, 'the code is on a line of its own in every language');
      assert.ok(mail.text.includes(`${PUBLIC_URL}/portal?workspace=${workspaceId}#signin=`), mail.text);
      return mail;
    };
    /** Sends the customer a proposal and delivers the outbox: the email the contact then reads. */
    const proposalMail = async (customerId: string, email: string, title: string): Promise<ReceivedMail> => {
      const created = await team()('POST', '/v1/workspace/proposals', {
        customerId,
        title,
        feeModel: 'fixed_fee',
        fee: { amount: 250_000, currency: 'EUR' },
        expiresAt: EXPIRES_AT,
      });
      assert.equal(created.statusCode, 201, created.body);
      const sent = await team()('POST', `/v1/workspace/proposals/${created.json<{ id: string }>().id}/send`);
      assert.equal(sent.statusCode, 200, sent.body);
      const before = mailbox.received(email).length;
      await worker.runOnce();
      const mails = await mailbox.waitFor(email, before + 1);
      return mails[mails.length - 1] as ReceivedMail;
    };
    const patchMe = (accessToken: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/v1/portal/me', payload, headers: { authorization: `Bearer ${accessToken}` } });
    const auditActions = async (contactId: string) =>
      (await t.app.db.selectFrom('audit_events').select(['action', 'actor_type', 'data']).where('subject_id', '=', contactId).orderBy('seq').execute());
    const assertInvalidLocale = (response: LightMyRequestResponse, label: string) => {
      assert.equal(response.statusCode, 400, `${label}: ${response.body}`);
      const problem = response.json<Problem>();
      assert.equal(problem.code, 'validation_failed', label);
      assert.ok(problem.errors?.some((error) => error.field === 'body.locale'), `${label} names body.locale: ${response.body}`);
    };

    test('25 identical language changes at once: one change, one audit event, every answer the same', async () => {
      const { contact } = await newContact('Race Condition');
      const tokens = await signInContact(t.app, apiKey, contact.id);
      const answers = await Promise.all(Array.from({ length: 25 }, () => patchMe(tokens.accessToken, { locale: 'de' })));
      assert.deepEqual(new Set(answers.map((answer) => answer.statusCode)), new Set([200]), answers.map((answer) => answer.body).join('\n'));
      assert.ok(answers.every((answer) => answer.json<PortalProfile>().contact.locale === 'de'));
      const changes = async () => (await auditActions(contact.id)).filter((event) => event.action === 'contact.locale_changed').map((event) => JSON.parse(event.data));
      assert.deepEqual(await changes(), [{ locale: 'de' }], 'the language changed once');

      assert.equal((await patchMe(tokens.accessToken, { locale: 'de' })).statusCode, 200);
      assert.deepEqual(await changes(), [{ locale: 'de' }], 'the same language again is no change');
      assert.equal((await patchMe(tokens.accessToken, { locale: null })).statusCode, 200);
      assert.deepEqual(await changes(), [{ locale: 'de' }, { locale: null }], 'back to the browser’s language is a change');
    });

    test('a German contact receives the sign-in email and notifications in German', async () => {
      const { email, customerId, contact } = await newContact('Greta Schmidt', 'de');
      assert.equal(contact.locale, 'de');

      const signIn = await signInMail(email);
      assert.equal(signIn.subject, 'Ihr Anmeldecode für Northwind Studio');
      assert.match(signIn.text, /^Guten Tag,$/m);
      assert.match(signIn.text, /Mit diesem Code melden Sie sich im Kundenportal von Northwind Studio an:/);
      assert.match(signIn.text, /Code und Link gelten nur einmal und laufen in 10 Minuten ab\./);

      const mail = await proposalMail(customerId, email, 'Website-Relaunch');
      assert.equal(mail.subject, 'Northwind Studio hat Ihnen ein Angebot gesendet: Website-Relaunch');
      assert.match(mail.text, /^Guten Tag Greta Schmidt,$/m);
      assert.ok(mail.text.includes('bis zum 15. März 2030 (UTC) im Kundenportal lesen'), mail.text);
      assert.ok(mail.text.includes(`Angebot im Portal öffnen: ${PUBLIC_URL}/portal?workspace=${workspaceId}`), mail.text);
      assert.ok(mail.html?.includes('<html lang="de" dir="ltr">'), mail.html);
      assert.ok(!/Hello|proposal/.test(mail.text), `nothing left in English: ${mail.text}`);
    });

    test('an Arabic contact chooses Arabic in the portal and receives right-to-left Arabic emails', async () => {
      const { email, customerId, contact } = await newContact('Layla Haddad');
      assert.equal(contact.locale, null);
      const tokens = await signInContact(t.app, apiKey, contact.id);

      const changed = await patchMe(tokens.accessToken, { locale: 'ar' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json<PortalProfile>().contact.locale, 'ar');
      const me = await t.app.inject({ method: 'GET', url: '/v1/portal/me', headers: { authorization: `Bearer ${tokens.accessToken}` } });
      assert.equal(me.json<PortalProfile>().contact.locale, 'ar');
      assert.deepEqual(
        (await auditActions(contact.id)).filter((event) => event.action === 'contact.locale_changed').map((event) => [event.actor_type, JSON.parse(event.data)]),
        [['contact', { locale: 'ar' }]],
        'the change has its audit event, by the contact',
      );

      const signIn = await signInMail(email);
      assert.equal(signIn.subject, 'رمز تسجيل الدخول إلى Northwind Studio');
      assert.ok(signIn.text.includes('تنتهي صلاحيتهما خلال 10 دقائق'), signIn.text);

      const mail = await proposalMail(customerId, email, 'تجديد الموقع');
      assert.equal(mail.subject, 'عرض جديد من Northwind Studio: تجديد الموقع');
      assert.match(mail.text, /^مرحبًا Layla Haddad،$/m);
      assert.ok(mail.text.includes('حتى 15 مارس 2030 (UTC)'), mail.text);
      assert.ok(mail.html?.includes('<html lang="ar" dir="rtl">'), mail.html);
      assert.ok(mail.html?.includes('<div lang="ar" dir="rtl">'), 'the direction survives a client that drops <html> attributes');
      assert.ok(mail.html?.includes('افتح العرض في البوابة'), mail.html);
    });

    test('a contact without a language receives English', async () => {
      const { email, customerId, contact } = await newContact('Ada Lovelace');
      assert.equal(contact.locale, null);
      const signIn = await signInMail(email);
      assert.equal(signIn.subject, 'Your sign-in code for Northwind Studio');
      assert.match(signIn.text, /The code and the link work once and expire in 10 minutes\./);

      const mail = await proposalMail(customerId, email, 'Brand refresh');
      assert.equal(mail.subject, 'Northwind Studio sent you a proposal: Brand refresh');
      assert.match(mail.text, /^Hello Ada Lovelace,$/m);
      assert.ok(mail.text.includes('until March 15, 2030 (UTC).'), mail.text);
      assert.ok(mail.html?.includes('<html lang="en" dir="ltr">'), mail.html);
      assert.equal(await storedLocale(contact.id), null, 'reading emails sets no language');
    });

    test("the sign-in page's language writes that email, and becomes the contact's only while they have none", async () => {
      const { email, customerId, contact } = await newContact('Jonas Weber');

      const german = await signInMail(email, 'de');
      assert.equal(german.subject, 'Ihr Anmeldecode für Northwind Studio');
      assert.equal(await storedLocale(contact.id), 'de', 'adopted: the contact had none');

      const arabic = await signInMail(email, 'ar');
      assert.equal(arabic.subject, 'رمز تسجيل الدخول إلى Northwind Studio', 'this email follows the page');
      assert.equal(await storedLocale(contact.id), 'de', 'but a language once set stays');

      assert.equal((await signInMail(email)).subject, 'Ihr Anmeldecode für Northwind Studio', 'without one, the stored language');
      assert.equal((await proposalMail(customerId, email, 'Wartung')).subject, 'Northwind Studio hat Ihnen ein Angebot gesendet: Wartung');
    });

    test('the team sets, changes and clears a contact’s language; the emails follow', async () => {
      const { email, customerId, contact } = await newContact('Karl Braun');
      const update = (payload: object, id = contact.id, customer = customerId) => team()('PATCH', `/v1/workspace/customers/${customer}/contacts/${id}`, payload);

      const german = await update({ locale: 'de' });
      assert.equal(german.statusCode, 200, german.body);
      assert.equal(german.json<PortalContact>().locale, 'de');
      assert.equal((await proposalMail(customerId, email, 'Erstes Angebot')).subject, 'Northwind Studio hat Ihnen ein Angebot gesendet: Erstes Angebot');

      const cleared = await update({ locale: null, role: 'Einkauf' });
      assert.equal(cleared.statusCode, 200, cleared.body);
      assert.deepEqual([cleared.json<PortalContact>().locale, cleared.json<PortalContact>().role], [null, 'Einkauf']);
      assert.equal((await proposalMail(customerId, email, 'Second proposal')).subject, 'Northwind Studio sent you a proposal: Second proposal');
      assert.deepEqual(
        (await auditActions(contact.id)).filter((event) => event.action === 'contact.updated').map((event) => [event.actor_type, JSON.parse(event.data)]),
        [
          ['api_key', { locale: 'de' }],
          ['api_key', { locale: null, role: 'Einkauf' }],
        ],
      );

      // Another customer's path does not reach the contact.
      const other = await newContact('Someone Else');
      const foreign = await update({ locale: 'ar' }, contact.id, other.customerId);
      assert.equal(foreign.statusCode, 404, foreign.body);
      assert.equal(await storedLocale(contact.id), null);
    });

    test('a language other than en, de or ar is refused with nothing written', async () => {
      const email = `refused.${++serial}@customer.example`;
      const customer = (await team()('POST', '/v1/workspace/customers', { name: 'Refused Ltd' })).json<{ id: string }>();
      assertInvalidLocale(await team()('POST', `/v1/workspace/customers/${customer.id}/contacts`, { displayName: 'R', email, role: 'Buyer', locale: 'fr' }), 'create');
      const none = await t.app.db.selectFrom('portal_contacts').select('id').where('email', '=', email).execute();
      assert.equal(none.length, 0, 'no contact was created');

      const { email: known, customerId, contact } = await newContact('Refused Person', 'de');
      for (const locale of ['fr', 'EN', 'de-AT', '', 42]) {
        assertInvalidLocale(await team()('PATCH', `/v1/workspace/customers/${customerId}/contacts/${contact.id}`, { locale }), `update ${JSON.stringify(locale)}`);
      }
      const tokens = await signInContact(t.app, apiKey, contact.id);
      const auditBefore = (await auditActions(contact.id)).length;
      assertInvalidLocale(await patchMe(tokens.accessToken, { locale: 'fr' }), 'PATCH /me');
      assert.equal((await auditActions(contact.id)).length, auditBefore, 'no audit event');

      const challengesBefore = await t.app.db.selectFrom('portal_sign_in_challenges').select('id').where('email', '=', known).execute();
      assertInvalidLocale(await requestSignIn(known, 'fr'), 'sign-in');
      const challengesAfter = await t.app.db.selectFrom('portal_sign_in_challenges').select('id').where('email', '=', known).execute();
      assert.equal(challengesAfter.length, challengesBefore.length, 'no sign-in was started');
      assert.equal(await storedLocale(contact.id), 'de', 'the language is unchanged');
    });

    test('the contact clears their language; a body without one changes nothing', async () => {
      const { contact } = await newContact('Clara Vogel', 'de');
      const tokens = await signInContact(t.app, apiKey, contact.id);
      const unchanged = await patchMe(tokens.accessToken, {});
      assert.equal(unchanged.statusCode, 200, unchanged.body);
      assert.equal(unchanged.json<PortalProfile>().contact.locale, 'de');
      const cleared = await patchMe(tokens.accessToken, { locale: null });
      assert.equal(cleared.json<PortalProfile>().contact.locale, null);
      assert.equal(await storedLocale(contact.id), null);
      assert.deepEqual((await auditActions(contact.id)).filter((event) => event.action === 'contact.locale_changed').map((event) => JSON.parse(event.data)), [{ locale: null }]);
    });

    test("team emails stay English, even to an address that is also a German contact's", async () => {
      const { email } = await newContact('Team And Contact', 'de');
      const row = await t.app.db.transaction().execute((trx) =>
        enqueueEmail(trx, {
          workspaceId,
          to: email,
          notification: { template: 'follow_up.assigned', workspaceName: 'Northwind Studio', memberName: 'Pat', summary: 'Call back', customerName: 'Acme', dueAt: null },
        }),
      );
      assert.ok(row);
      assert.equal(JSON.parse(row.payload).locale, undefined);
      await worker.runOnce();
      const mails = await mailbox.waitFor(email);
      assert.equal(mails[mails.length - 1]?.subject, 'Follow-up assigned to you: Call back');
    });
  });
}

/** Distinctive values for every parameter, so each can be found again in the rendered email. */
const contact = { workspaceId: 'ws_sample', workspaceName: 'Wsname Co', contactName: 'Cname Person' };
const SAMPLES = {
  'proposal.sent': { template: 'proposal.sent', ...contact, proposalNumber: 'PRP-0042', proposalTitle: 'Ptitle', expiresAt: '2030-03-15T12:00:00.000Z' },
  'proposal.expiring': { template: 'proposal.expiring', ...contact, proposalNumber: 'PRP-0042', proposalTitle: 'Ptitle', expiresAt: '2030-03-15T12:00:00.000Z' },
  'message.replied': { template: 'message.replied', ...contact, threadTitle: 'Ttitle' },
  'acceptance.sent': { template: 'acceptance.sent', ...contact, acceptanceTitle: 'Atitle', documentName: 'Dname.pdf', expiresAt: '2030-03-15T12:34:00.000Z' },
  'acceptance.expiring': { template: 'acceptance.expiring', ...contact, acceptanceTitle: 'Atitle', documentName: 'Dname.pdf', expiresAt: '2030-03-15T12:34:00.000Z' },
  'acceptance.accepted': {
    template: 'acceptance.accepted',
    ...contact,
    acceptanceTitle: 'Atitle',
    documentName: 'Dname.pdf',
    documentSha256: 'f'.repeat(64),
    acceptedAt: '2030-03-15T12:34:56.000Z',
    fullName: 'Fname Typed',
  },
  'invoice.sent': { template: 'invoice.sent', ...contact, invoiceNumber: 'INV-0042', total: '1234.50 EUR', amountDue: '1000.00 EUR', dueDate: '2030-04-01' },
  'request.sent': { template: 'request.sent', ...contact, requestNumber: 'REQ-0042', requestTitle: 'Rtitle', itemCount: 7 },
  'request.item_returned': { template: 'request.item_returned', ...contact, requestNumber: 'REQ-0042', requestTitle: 'Rtitle', itemPrompt: 'Iprompt', reason: 'Rreason' },
  'estimate.sent': { template: 'estimate.sent', ...contact, estimateNumber: 'EST-0042', estimateTitle: 'Etitle', total: '1234.50 EUR', validUntil: '2030-04-01' },
  'delivery.exception': { template: 'delivery.exception', ...contact, carrier: 'Ccarrier', trackingReference: 'TRK-0042', reference: 'PO-0042', note: 'Nnote', occurredAt: '2030-03-15T12:34:56.000Z' },
  'payment_proof.accepted': { template: 'payment_proof.accepted', ...contact, invoiceNumber: 'INV-0042', amount: '1234.50 EUR', paidOn: '2030-03-10', reference: 'TRX-0042', amountDue: '0.00 EUR', reason: null },
  'payment_proof.rejected': { template: 'payment_proof.rejected', ...contact, invoiceNumber: 'INV-0042', amount: '1234.50 EUR', paidOn: '2030-03-10', reference: 'TRX-0042', amountDue: '1234.50 EUR', reason: 'Rreason' },
} satisfies Partial<Record<EmailTemplate, EmailNotification>>;

describe('the email catalogues', () => {
  test('German and Arabic have exactly the keys of English, each of the same kind', () => {
    const keys = Object.keys(en).sort();
    for (const [name, catalogue] of [['de', de], ['ar', ar]] as const) {
      assert.deepEqual(Object.keys(catalogue).sort(), keys, `${name} has every key and no other`);
      for (const key of keys) {
        assert.equal(typeof catalogue[key as keyof typeof en], typeof en[key as keyof typeof en], `${name} ${key}: text or function like English`);
      }
    }
    assert.deepEqual(Object.keys(emailCatalogues).sort(), ['ar', 'de', 'en']);
  });

  test('every contact email is translated, keeps every value, and speaks its language', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...contactTemplates].sort(), 'every email to a contact is checked here');
    const verbatim = ['Wsname Co', 'Cname Person', 'PRP-0042', 'Ptitle', 'Ttitle', 'Atitle', 'Dname.pdf', 'f'.repeat(64), 'Fname Typed', 'INV-0042', 'REQ-0042', 'Rtitle', 'Iprompt', 'Rreason', 'EST-0042', 'Etitle', 'Ccarrier', 'TRK-0042', 'PO-0042', 'Nnote', 'TRX-0042', 'https://portal.test/portal?workspace=ws_sample'];
    for (const [template, sample] of Object.entries(SAMPLES)) {
      const english = renderEmail(sample, { to: 'x@example.com', publicUrl: PUBLIC_URL });
      const expected = verbatim.filter((value) => `${english.subject}\n${english.text}`.includes(value));
      assert.ok(expected.includes('Wsname Co'), `${template}: the English email names the business`);
      for (const locale of ['de', 'ar'] as const) {
        const rendered = renderEmail({ ...sample, locale } as EmailNotification, { to: 'x@example.com', publicUrl: PUBLIC_URL });
        const all = `${rendered.subject}\n${rendered.text}`;
        for (const value of expected) assert.ok(all.includes(value), `${template} (${locale}) keeps "${value}":\n${all}`);
        assert.notEqual(rendered.subject, english.subject, `${template} (${locale}): the subject is translated`);
        for (const paragraph of english.text.split('\n\n').filter((line) => /[a-z]{4,} [a-z]{4,}/.test(line))) {
          assert.ok(!all.includes(paragraph), `${template} (${locale}) has no English sentence: ${paragraph}`);
        }
        assert.ok(!/undefined|null|\[object/.test(all), `${template} (${locale}): ${all}`);
        if (locale === 'ar') assert.match(all, /[\u0600-\u06FF]/, `${template}: Arabic script`);
        assert.ok(rendered.html?.includes(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`), `${template} (${locale}) html`);
      }
    }
  });

  test('dates and money are written for the language', () => {
    const invoice = SAMPLES['invoice.sent'];
    const text = (locale: 'en' | 'de' | 'ar') => renderEmail({ ...invoice, locale } as EmailNotification, { to: 'x@example.com', publicUrl: PUBLIC_URL }).text;
    assert.match(text('en'), /invoice INV-0042 for €1,234\.50\. The amount due is €1,000\.00, payable by April 1, 2030\./);
    assert.match(text('de'), /Rechnung INV-0042 über 1\.234,50\u00a0€ gesendet\. Der offene Betrag von 1\.000,00\u00a0€ ist bis zum 1\. April 2030 zu zahlen\./);
    assert.ok(text('ar').includes('1,234.50\u00a0€') && text('ar').includes('1 أبريل 2030'), text('ar'));

    const receipt = (locale: 'en' | 'de') => renderEmail({ ...SAMPLES['acceptance.accepted'], locale } as EmailNotification, { to: 'x@example.com', publicUrl: PUBLIC_URL }).text;
    assert.ok(receipt('en').includes('on March 15, 2030 at 12:34:56 PM UTC'), receipt('en'));
    assert.ok(receipt('de').includes('am 15. März 2030 um 12:34:56 UTC'), receipt('de'));

    // Exact from the stored decimal, however large, in a currency with three decimals.
    const large = renderEmail({ ...invoice, total: '9007199254740993.125 KWD', locale: 'de' } as EmailNotification, { to: 'x@example.com', publicUrl: PUBLIC_URL });
    assert.ok(large.text.includes('9.007.199.254.740.993,125\u00a0KWD'), large.text);
  });

  test('Arabic counts take the form each number needs', () => {
    const items = (itemCount: number) =>
      renderEmail({ ...SAMPLES['request.sent'], itemCount, locale: 'ar' } as EmailNotification, { to: 'x@example.com', publicUrl: PUBLIC_URL }).text;
    assert.ok(items(1).includes('وفيه بند واحد'), items(1));
    assert.ok(items(2).includes('وفيه بندان'), items(2));
    assert.ok(items(3).includes('وفيه 3 بنود'), items(3));
    assert.ok(items(11).includes('وفيه 11 بندًا'), items(11));
    assert.ok(items(100).includes('وفيه 100 بند '), items(100));
  });

  test('an unknown stored language falls back to English', () => {
    const rendered = renderEmail({ ...SAMPLES['message.replied'], locale: 'fr' } as unknown as EmailNotification, { to: 'x@example.com', publicUrl: PUBLIC_URL });
    assert.equal(rendered.subject, 'Wsname Co replied: Ttitle');
  });
});
