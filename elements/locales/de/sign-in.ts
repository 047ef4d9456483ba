import { str, type LocaleModule } from '@lit/localize';

/**
 * German messages of the sign-in area (`<taba-login>`), by id. Placeholders `${0}` stand for the
 * English template's value; plural ids give `.one` and `.other`. Formal "Sie", as in every German
 * catalogue here.
 */
export const templates: LocaleModule['templates'] = {
  'sign-in.heading': 'Anmelden',
  'sign-in.headingFor': str`Bei ${0} anmelden`,
  'sign-in.intro': 'Geben Sie die E-Mail-Adresse ein, die das Unternehmen von Ihnen hat.',
  'sign-in.emailLabel': 'E-Mail-Adresse',
  'sign-in.emailHint': 'Wir senden Ihnen einen Anmeldelink und einen 6-stelligen Code per E-Mail.',
  'sign-in.send': 'Code senden',
  'sign-in.sending': 'Wird gesendet…',
  'sign-in.sentTo': str`Wir haben einen Link und einen 6-stelligen Code an ${0} gesendet, sofern die Adresse zu einem Portalkontakt gehört.`,
  'sign-in.validFor.one': str`Beide funktionieren einmal und laufen in ${0} Minute ab.`,
  'sign-in.validFor.other': str`Beide funktionieren einmal und laufen in ${0} Minuten ab.`,
  'sign-in.newCodeSent': str`Wir haben einen neuen Code an ${0} gesendet. Frühere Codes funktionieren nicht mehr.`,
  'sign-in.codeLabel': '6-stelliger Code',
  'sign-in.codeHint': 'Geben Sie den Code aus der E-Mail ein oder öffnen Sie den Link darin.',
  'sign-in.verify': 'Bestätigen',
  'sign-in.verifying': 'Wird geprüft…',
  'sign-in.useDifferentEmail': 'Andere E-Mail-Adresse verwenden',
  'sign-in.sendNewCode': 'Neuen Code senden',
  'sign-in.resendIn': str`Neuer Code in ${0} s`,
  'sign-in.resendReady': 'Sie können jetzt einen neuen Code anfordern.',
  'sign-in.chooseCustomer': 'Welchen Kunden möchten Sie öffnen?',
  'sign-in.chooseCustomerHint':
    'Ihre E-Mail-Adresse gehört zu mehr als einem Kunden. Um später zu wechseln, melden Sie sich erneut an.',
  'sign-in.signingIn': 'Sie werden angemeldet…',
  'sign-in.signedIn': 'Sie sind angemeldet.',
  'sign-in.noWorkspace': 'Die Anmeldung ist auf dieser Seite nicht eingerichtet (kein Arbeitsbereich angegeben).',
  'sign-in.waitSeconds.one': str`${0} Sekunde`,
  'sign-in.waitSeconds.other': str`${0} Sekunden`,
  'sign-in.waitMinutes.one': str`${0} Minute`,
  'sign-in.waitMinutes.other': str`${0} Minuten`,
  'sign-in.errors.emailMissing': 'Geben Sie Ihre E-Mail-Adresse ein.',
  'sign-in.errors.emailInvalid': 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
  'sign-in.errors.codeInvalid': 'Geben Sie den 6-stelligen Code aus der E-Mail ein.',
  'sign-in.errors.codeWrong':
    'Dieser Code ist falsch oder abgelaufen. Sehen Sie in der neuesten E-Mail nach oder fordern Sie einen neuen Code an.',
  'sign-in.errors.tooManyAttempts':
    'Zu viele falsche Codes, deshalb funktioniert dieser Code nicht mehr. Fordern Sie einen neuen Code an und verwenden Sie den aus der neuen E-Mail.',
  'sign-in.errors.linkInvalid':
    'Dieser Anmeldelink ist falsch, abgelaufen oder wurde bereits verwendet. Geben Sie Ihre E-Mail-Adresse ein, um einen neuen zu erhalten.',
  'sign-in.errors.linkExpired': 'Dieser Anmeldelink ist abgelaufen. Geben Sie Ihre E-Mail-Adresse ein, um einen neuen zu erhalten.',
  'sign-in.errors.linkReplaced':
    'Es wurde eine neuere Anmelde-E-Mail gesendet, deshalb funktioniert dieser Link nicht mehr. Öffnen Sie den Link in der neuesten E-Mail oder geben Sie Ihre E-Mail-Adresse ein, um einen neuen zu erhalten.',
  'sign-in.errors.linkUsed':
    'Dieser Anmeldelink wurde bereits verwendet; jeder Link funktioniert nur einmal. Geben Sie Ihre E-Mail-Adresse ein, um einen neuen zu erhalten.',
  'sign-in.errors.linkTooManyAttempts':
    'Dieser Anmeldelink funktioniert nicht mehr, weil zu oft ein falscher Code eingegeben wurde. Geben Sie Ihre E-Mail-Adresse ein, um einen neuen zu erhalten.',
  'sign-in.errors.choiceExpired': 'Diese Anmeldung ist abgelaufen. Geben Sie Ihre E-Mail-Adresse ein, um einen neuen Code zu erhalten.',
  'sign-in.errors.rateLimited': 'Zu viele Versuche. Bitte warten Sie ein paar Minuten und versuchen Sie es dann erneut.',
  'sign-in.errors.rateLimitedFor': str`Zu viele Versuche. Bitte versuchen Sie es in ${0} erneut.`,
  'sign-in.errors.portalDisabled':
    'Das Kundenportal ist für dieses Unternehmen nicht aktiviert. Bitte wenden Sie sich an das Unternehmen, wenn Sie Zugang erwartet haben.',
  'sign-in.errors.network': 'Wir konnten das Portal nicht erreichen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
};
