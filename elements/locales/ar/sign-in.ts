import { str, type LocaleModule } from '@lit/localize';

/**
 * Arabic messages of the sign-in area (`<taba-login>`), by id. Placeholders `${0}` stand for the
 * English template's value; plural ids give all six forms of Arabic (`.zero`, `.one`, `.two`,
 * `.few` 3–10, `.many` 11–99, `.other`), the counted word agreeing with the number.
 */
export const templates: LocaleModule['templates'] = {
  'sign-in.heading': 'تسجيل الدخول',
  'sign-in.headingFor': str`تسجيل الدخول إلى ${0}`,
  'sign-in.intro': 'أدخل عنوان البريد الإلكتروني المسجَّل لك لدى الجهة.',
  'sign-in.emailLabel': 'عنوان البريد الإلكتروني',
  'sign-in.emailHint': 'سنرسل إليك بالبريد الإلكتروني رابط تسجيل دخول ورمزًا من 6 أرقام.',
  'sign-in.send': 'إرسال الرمز',
  'sign-in.sending': 'جارٍ الإرسال…',
  'sign-in.sentTo': str`أرسلنا رابطًا ورمزًا من 6 أرقام إلى ${0} إذا كان العنوان يخص جهة اتصال في البوابة.`,
  'sign-in.validFor.zero': str`يعمل كلاهما مرة واحدة وتنتهي صلاحيتهما خلال ${0} دقيقة.`,
  'sign-in.validFor.one': 'يعمل كلاهما مرة واحدة وتنتهي صلاحيتهما خلال دقيقة واحدة.',
  'sign-in.validFor.two': 'يعمل كلاهما مرة واحدة وتنتهي صلاحيتهما خلال دقيقتين.',
  'sign-in.validFor.few': str`يعمل كلاهما مرة واحدة وتنتهي صلاحيتهما خلال ${0} دقائق.`,
  'sign-in.validFor.many': str`يعمل كلاهما مرة واحدة وتنتهي صلاحيتهما خلال ${0} دقيقة.`,
  'sign-in.validFor.other': str`يعمل كلاهما مرة واحدة وتنتهي صلاحيتهما خلال ${0} دقيقة.`,
  'sign-in.newCodeSent': str`أرسلنا رمزًا جديدًا إلى ${0}. لم تعد الرموز السابقة صالحة.`,
  'sign-in.codeLabel': 'رمز من 6 أرقام',
  'sign-in.codeHint': 'اكتب الرمز الوارد في البريد الإلكتروني، أو افتح الرابط الموجود فيه.',
  'sign-in.verify': 'تحقّق',
  'sign-in.verifying': 'جارٍ التحقق…',
  'sign-in.useDifferentEmail': 'استخدام بريد إلكتروني آخر',
  'sign-in.sendNewCode': 'إرسال رمز جديد',
  'sign-in.resendIn': str`إعادة الإرسال بعد ${0} ث`,
  'sign-in.resendReady': 'يمكنك الآن إرسال رمز جديد.',
  'sign-in.chooseCustomer': 'أي عميل تريد فتحه؟',
  'sign-in.chooseCustomerHint': 'عنوان بريدك الإلكتروني مرتبط بأكثر من عميل. للتبديل لاحقًا، سجّل الدخول مرة أخرى.',
  'sign-in.signingIn': 'جارٍ تسجيل دخولك…',
  'sign-in.signedIn': 'تم تسجيل دخولك.',
  'sign-in.noWorkspace': 'تسجيل الدخول غير مُعدّ في هذه الصفحة (لم تُحدَّد مساحة عمل).',
  'sign-in.waitSeconds.zero': str`${0} ثانية`,
  'sign-in.waitSeconds.one': 'ثانية واحدة',
  'sign-in.waitSeconds.two': 'ثانيتين',
  'sign-in.waitSeconds.few': str`${0} ثوانٍ`,
  'sign-in.waitSeconds.many': str`${0} ثانية`,
  'sign-in.waitSeconds.other': str`${0} ثانية`,
  'sign-in.waitMinutes.zero': str`${0} دقيقة`,
  'sign-in.waitMinutes.one': 'دقيقة واحدة',
  'sign-in.waitMinutes.two': 'دقيقتين',
  'sign-in.waitMinutes.few': str`${0} دقائق`,
  'sign-in.waitMinutes.many': str`${0} دقيقة`,
  'sign-in.waitMinutes.other': str`${0} دقيقة`,
  'sign-in.errors.emailMissing': 'أدخل عنوان بريدك الإلكتروني.',
  'sign-in.errors.emailInvalid': 'أدخل عنوان بريد إلكتروني مثل name@example.com.',
  'sign-in.errors.codeInvalid': 'أدخل الرمز المكوّن من 6 أرقام الوارد في البريد الإلكتروني.',
  'sign-in.errors.codeWrong': 'هذا الرمز غير صحيح أو انتهت صلاحيته. راجع أحدث رسالة بريد إلكتروني، أو أرسل رمزًا جديدًا.',
  'sign-in.errors.tooManyAttempts':
    'أُدخلت رموز خاطئة مرات كثيرة، لذا لم يعد هذا الرمز صالحًا. أرسل رمزًا جديدًا واستخدم الرمز الوارد في الرسالة الجديدة.',
  'sign-in.errors.linkInvalid':
    'رابط تسجيل الدخول هذا غير صحيح، أو انتهت صلاحيته، أو سبق استخدامه. أدخل بريدك الإلكتروني للحصول على رابط جديد.',
  'sign-in.errors.linkExpired': 'انتهت صلاحية رابط تسجيل الدخول هذا. أدخل بريدك الإلكتروني للحصول على رابط جديد.',
  'sign-in.errors.linkReplaced':
    'أُرسلت رسالة تسجيل دخول أحدث، لذا لم يعد هذا الرابط صالحًا. افتح الرابط الموجود في أحدث رسالة، أو أدخل بريدك الإلكتروني للحصول على رابط جديد.',
  'sign-in.errors.linkUsed':
    'سبق استخدام رابط تسجيل الدخول هذا، وكل رابط يعمل مرة واحدة فقط. أدخل بريدك الإلكتروني للحصول على رابط جديد.',
  'sign-in.errors.linkTooManyAttempts':
    'لم يعد رابط تسجيل الدخول هذا صالحًا لأن رمزًا خاطئًا أُدخل مرات كثيرة. أدخل بريدك الإلكتروني للحصول على رابط جديد.',
  'sign-in.errors.choiceExpired': 'انتهت صلاحية عملية تسجيل الدخول هذه. أدخل بريدك الإلكتروني للحصول على رمز جديد.',
  'sign-in.errors.rateLimited': 'محاولات كثيرة جدًا. يُرجى الانتظار بضع دقائق، ثم المحاولة مرة أخرى.',
  'sign-in.errors.rateLimitedFor': str`محاولات كثيرة جدًا. يُرجى المحاولة مرة أخرى بعد ${0}.`,
  'sign-in.errors.portalDisabled': 'بوابة العملاء غير مفعّلة لدى هذه الجهة. يُرجى التواصل معها إذا كنت تتوقع أن يكون لديك وصول.',
  'sign-in.errors.network': 'تعذّر علينا الوصول إلى البوابة. تحقّق من اتصالك وحاول مرة أخرى.',
};
