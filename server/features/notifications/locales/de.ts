import type { EmailCatalogue } from './en.js';

/** The emails a contact receives, in German (formal address: Sie). Same keys and parameters as `en.ts`. */
export const de: EmailCatalogue = {
  greeting: (p) => `Guten Tag ${p.name},`,
  signInFirst: 'Im Portal melden Sie sich zuerst mit dieser E-Mail-Adresse an.',

  'signIn.subject': (p) => `Ihr Anmeldecode für ${p.workspace}`,
  'signIn.greeting': 'Guten Tag,',
  'signIn.code': (p) => `Mit diesem Code melden Sie sich im Kundenportal von ${p.workspace} an:`,
  'signIn.link': 'Oder öffnen Sie diesen Link, um sich direkt anzumelden:',
  'signIn.expiry': (p) => `Code und Link gelten nur einmal und laufen in ${p.minutes} ${p.minutes === 1 ? 'Minute' : 'Minuten'} ab.`,
  'signIn.ignore': 'Falls Sie keine Anmeldung angefordert haben, können Sie diese E-Mail ignorieren.',

  'proposal.sent.subject': (p) => `${p.workspace} hat Ihnen ein Angebot gesendet: ${p.title}`,
  'proposal.sent.body': (p) =>
    `${p.workspace} hat Ihnen das Angebot ${p.number} „${p.title}“ gesendet. Sie können es bis zum ${p.until} im Kundenportal lesen und annehmen oder ablehnen.`,
  'proposal.sent.action': 'Angebot im Portal öffnen',

  'proposal.expiring.subject': (p) => `Erinnerung: Das Angebot ${p.number} von ${p.workspace} läuft bald ab`,
  'proposal.expiring.body': (p) =>
    `Das Angebot ${p.number} „${p.title}“ von ${p.workspace} wartet noch auf Ihre Entscheidung und läuft am ${p.until} ab.`,
  'proposal.expiring.action': 'Angebot ansehen',

  'message.replied.subject': (p) => `${p.workspace} hat geantwortet: ${p.title}`,
  'message.replied.body': (p) =>
    `${p.workspace} hat in Ihrer Unterhaltung „${p.title}“ geantwortet. Im Kundenportal können Sie die Antwort lesen und darauf antworten.`,
  'message.replied.action': 'Antwort im Portal lesen',

  'acceptance.sent.subject': (p) => `${p.workspace} bittet Sie um Annahme: ${p.title}`,
  'acceptance.sent.body': (p) =>
    `${p.workspace} hat Ihnen „${p.document}“ zur förmlichen Annahme gesendet („${p.title}“). Sie können das Dokument bis zum ${p.until} im Kundenportal prüfen und annehmen.`,
  'acceptance.sent.action': 'Dokument im Portal prüfen',

  'acceptance.expiring.subject': (p) => `Erinnerung: „${p.title}“ von ${p.workspace} läuft bald ab`,
  'acceptance.expiring.body': (p) =>
    `„${p.document}“ von ${p.workspace} („${p.title}“) wartet noch auf Ihre Annahme und kann nach dem ${p.until} nicht mehr angenommen werden.`,
  'acceptance.expiring.action': 'Dokument prüfen',

  'acceptance.accepted.subject': (p) => `Sie haben „${p.title}“ von ${p.workspace} angenommen`,
  'acceptance.accepted.body': (p) =>
    `Hiermit bestätigen wir, dass Sie „${p.document}“ („${p.title}“) von ${p.workspace} am ${p.at} angenommen und dabei den Namen „${p.fullName}“ eingegeben haben.`,
  'acceptance.accepted.fingerprint': (p) => `Das angenommene Dokument hat den SHA-256-Fingerabdruck ${p.sha256}.`,
  'acceptance.accepted.evidence': 'Den Nachweis Ihrer Annahme finden Sie im Kundenportal; dort melden Sie sich zuerst mit dieser E-Mail-Adresse an.',
  'acceptance.accepted.action': 'Annahme im Portal öffnen',

  'request.sent.subject': (p) => `${p.workspace} benötigt einige Angaben von Ihnen: ${p.title}`,
  'request.sent.body': (p) =>
    `${p.workspace} hat Ihnen die Anfrage ${p.number} „${p.title}“ gesendet: ${p.count === 1 ? 'ein Punkt' : `${p.count} Punkte`} zum Beantworten oder Bereitstellen. Im Kundenportal können Sie jeden Punkt beantworten und Dateien hochladen.`,
  'request.sent.action': 'Anfrage im Portal öffnen',

  'request.item_returned.subject': (p) => `${p.workspace} hat eine Antwort zu ${p.number} zurückgegeben: ${p.title}`,
  'request.item_returned.body': (p) => `${p.workspace} hat Ihre Antwort auf „${p.prompt}“ in der Anfrage ${p.number} „${p.title}“ zurückgegeben.`,
  'request.item_returned.again': 'Sie können sie im Kundenportal erneut beantworten; dort melden Sie sich zuerst mit dieser E-Mail-Adresse an.',
  'request.item_returned.action': 'Im Portal erneut antworten',

  reason: (p) => `Begründung: ${p.reason}`,

  'invoice.sent.subject': (p) => `${p.workspace} hat Ihnen die Rechnung ${p.number} gesendet`,
  'invoice.sent.body': (p) =>
    `${p.workspace} hat Ihnen die Rechnung ${p.number} über ${p.total} gesendet. Der offene Betrag von ${p.due} ist bis zum ${p.dueDate} zu zahlen. Im Kundenportal können Sie die Rechnung ansehen und herunterladen.`,
  'invoice.action': 'Rechnung im Portal öffnen',

  'estimate.sent.subject': (p) => `${p.workspace} hat Ihnen einen Kostenvoranschlag gesendet: ${p.title}`,
  'estimate.sent.body': (p) =>
    `${p.workspace} hat Ihnen den Kostenvoranschlag ${p.number} „${p.title}“ über ${p.total} gesendet. Sie können ihn bis zum ${p.until} im Kundenportal prüfen und freigeben oder ablehnen.`,
  'estimate.sent.action': 'Kostenvoranschlag im Portal öffnen',

  'delivery.exception.subject': (p) => `Ein Problem mit Ihrer Lieferung von ${p.workspace}${p.reference ? ` (${p.reference})` : ''}`,
  'delivery.exception.body': (p) =>
    `${p.workspace} meldet ein Problem mit Ihrer Lieferung${p.reference ? ` zu ${p.reference}` : ''}, versandt mit ${p.carrier} (Sendungsnummer ${p.tracking}), am ${p.at}:`,
  'delivery.exception.timeline': 'Den Verlauf der Lieferung finden Sie im Kundenportal; dort melden Sie sich zuerst mit dieser E-Mail-Adresse an.',
  'delivery.exception.action': 'Lieferung im Portal verfolgen',

  'payment_proof.accepted.subject': (p) => `${p.workspace} hat Ihre Zahlung von ${p.amount} für ${p.invoice} bestätigt`,
  'payment_proof.accepted.body': (p) =>
    `${p.workspace} hat Ihren Zahlungsnachweis über ${p.amount}, gezahlt am ${p.paidOn} (Referenz ${p.reference}), angenommen und die Zahlung auf der Rechnung ${p.invoice} verbucht. Der offene Betrag beträgt jetzt ${p.due}.`,
  'payment_proof.accepted.invoice': 'Die Rechnung finden Sie im Kundenportal; dort melden Sie sich zuerst mit dieser E-Mail-Adresse an.',

  'payment_proof.rejected.subject': (p) => `${p.workspace} konnte Ihren Zahlungsnachweis für ${p.invoice} nicht annehmen`,
  'payment_proof.rejected.body': (p) =>
    `${p.workspace} konnte Ihren Zahlungsnachweis über ${p.amount}, gezahlt am ${p.paidOn} (Referenz ${p.reference}), für die Rechnung ${p.invoice} nicht annehmen.`,
  'payment_proof.rejected.again': (p) =>
    `Der offene Betrag beträgt weiterhin ${p.due}. Im Kundenportal können Sie einen anderen Nachweis senden; dort melden Sie sich zuerst mit dieser E-Mail-Adresse an.`,
};
