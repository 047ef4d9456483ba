import { str, type LocaleModule } from '@lit/localize';

/** German messages of the shell area (`<taba-portal>`: header, navigation, sessions, not-found page, announcements), by id. */
export const templates: LocaleModule['templates'] = {
  'shell.navLabel': 'Kundenportal',
  'shell.unreadTotal.one': str`${0} ungelesen`,
  'shell.unreadTotal.other': str`${0} ungelesen`,
  'shell.noSessionTitle': 'Keine Portalsitzung',
  'shell.noSessionDetail':
    'Diese Seite hat keine Portalsitzung gestartet. Öffnen Sie das Portal über den Link, den Sie erhalten haben, oder wenden Sie sich an das Unternehmen, das es mit Ihnen geteilt hat.',
  'shell.backToProposals': 'Zurück zu den Angeboten',
  'shell.backToConversations': 'Zurück zu den Unterhaltungen',
  'shell.backToProjects': 'Zurück zu den Projekten',
  'shell.signOut': 'Abmelden',
  'shell.signingOut': 'Wird abgemeldet…',
  'shell.sessionEnded': 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  'shell.linkExpired':
    'Dieser Anmeldelink ist abgelaufen oder wurde bereits verwendet. Geben Sie Ihre E-Mail-Adresse ein, um einen neuen zu erhalten.',
  'shell.linkExpiredTitle': 'Dieser Anmeldelink ist abgelaufen oder wurde bereits verwendet.',
  'shell.linkExpiredDetail': 'Bitten Sie das Unternehmen, das ihn Ihnen geschickt hat, um einen neuen Link.',
  'shell.sessionEndedTitle': 'Ihre Sitzung ist abgelaufen.',
  'shell.sessionEndedDetail': 'Um das Portal wieder zu öffnen, bitten Sie das Unternehmen, das Ihnen den Link geschickt hat, um einen neuen.',
  'shell.signedOutTitle': 'Sie haben sich abgemeldet.',
  'shell.signedOutDetail': 'Um das Portal wieder zu öffnen, verwenden Sie einen neuen Link des Unternehmens, das ihn Ihnen geschickt hat.',
  'shell.startFailed': 'Das Portal konnte nicht gestartet werden.',
  'shell.sectionLoading': 'Wird geladen…',
  'shell.sectionLoadFailed': 'Dieser Teil des Portals konnte nicht geladen werden.',
  'shell.disabledTitle': 'Kundenportal nicht verfügbar',
  'shell.disabledDetail':
    'Das Kundenportal ist für dieses Unternehmen derzeit nicht aktiviert. Bitte wenden Sie sich an das Unternehmen, wenn Sie Zugang erwartet haben.',
  'shell.menu': 'Menü',
  'shell.signedInAs': 'Angemeldet als',
  'shell.notFoundTitle': 'Seite nicht gefunden',
  'shell.notFoundDetail':
    'Unter dieser Adresse gibt es im Portal keine Seite. Vielleicht ist der Link falsch geschrieben, oder die Seite wurde verschoben.',
  'shell.notFoundHome': 'Zur Startseite',
  'shell.announce.pageShown': str`${0} wird angezeigt`,
  'shell.announce.signedIn': 'Angemeldet',
  'shell.announce.signedOut': 'Abgemeldet',
  'shell.announce.sessionEnded': 'Ihre Sitzung ist abgelaufen',
};
