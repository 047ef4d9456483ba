import type { EmailCatalogue } from './en.js';
import { pluralOf } from './plural.js';

/**
 * The emails a contact receives, in Arabic (Modern Standard Arabic). Same keys and parameters as
 * `en.ts`. No verb agrees with the business's name (sentences are passive or nominal), so they read
 * right whatever the grammatical gender of the name. Counts take the form each plural category needs.
 */
export const ar: EmailCatalogue = {
  greeting: (p) => `مرحبًا ${p.name}،`,
  signInFirst: 'تطلب منك البوابة تسجيل الدخول بعنوان البريد الإلكتروني هذا أولًا.',

  'signIn.subject': (p) => `رمز تسجيل الدخول إلى ${p.workspace}`,
  'signIn.greeting': 'مرحبًا،',
  'signIn.code': (p) => `استخدم هذا الرمز لتسجيل الدخول إلى بوابة العملاء لدى ${p.workspace}:`,
  'signIn.link': 'أو افتح هذا الرابط لتسجيل الدخول مباشرةً:',
  'signIn.expiry': (p) => `يعمل الرمز والرابط مرة واحدة فقط، وتنتهي صلاحيتهما خلال ${minutes(p.minutes)}.`,
  'signIn.ignore': 'إذا لم تطلب تسجيل الدخول، يمكنك تجاهل هذه الرسالة.',

  'proposal.sent.subject': (p) => `عرض جديد من ${p.workspace}: ${p.title}`,
  'proposal.sent.body': (p) =>
    `وصلك من ${p.workspace} العرض ${p.number} بعنوان «${p.title}». يمكنك قراءته وقبوله أو رفضه في بوابة العملاء حتى ${p.until}.`,
  'proposal.sent.action': 'افتح العرض في البوابة',

  'proposal.expiring.subject': (p) => `تذكير: تنتهي صلاحية العرض ${p.number} من ${p.workspace} قريبًا`,
  'proposal.expiring.body': (p) => `لا يزال العرض ${p.number} بعنوان «${p.title}» من ${p.workspace} بانتظار قرارك، وتنتهي صلاحيته في ${p.until}.`,
  'proposal.expiring.action': 'راجع العرض',

  'message.replied.subject': (p) => `ردّ جديد من ${p.workspace}: ${p.title}`,
  'message.replied.body': (p) => `وصلك ردّ من ${p.workspace} في محادثتك «${p.title}». يمكنك قراءة الرد والإجابة عنه في بوابة العملاء.`,
  'message.replied.action': 'اقرأ الرد في البوابة',

  'acceptance.sent.subject': (p) => `طلب موافقة من ${p.workspace}: ${p.title}`,
  'acceptance.sent.body': (p) =>
    `وصلك من ${p.workspace} المستند «${p.document}» للموافقة الرسمية عليه («${p.title}»). يمكنك مراجعة المستند والموافقة عليه في بوابة العملاء حتى ${p.until}.`,
  'acceptance.sent.action': 'راجع المستند في البوابة',

  'acceptance.expiring.subject': (p) => `تذكير: تنتهي صلاحية «${p.title}» من ${p.workspace} قريبًا`,
  'acceptance.expiring.body': (p) =>
    `لا يزال المستند «${p.document}» من ${p.workspace} («${p.title}») بانتظار موافقتك، ولن تعود الموافقة عليه ممكنة بعد ${p.until}.`,
  'acceptance.expiring.action': 'راجع المستند',

  'acceptance.accepted.subject': (p) => `تأكيد موافقتك على «${p.title}» من ${p.workspace}`,
  'acceptance.accepted.body': (p) =>
    `نؤكد أنك وافقت على «${p.document}» («${p.title}») من ${p.workspace} في ${p.at}، وكتبت الاسم «${p.fullName}».`,
  'acceptance.accepted.fingerprint': (p) => `بصمة SHA-256 للمستند الذي وافقت عليه هي ${p.sha256}.`,
  'acceptance.accepted.evidence': 'شهادة إثبات موافقتك موجودة في بوابة العملاء، التي تطلب منك تسجيل الدخول بعنوان البريد الإلكتروني هذا أولًا.',
  'acceptance.accepted.action': 'افتح الموافقة في البوابة',

  'request.sent.subject': (p) => `طلب معلومات من ${p.workspace}: ${p.title}`,
  'request.sent.body': (p) =>
    `وصلك من ${p.workspace} الطلب ${p.number} بعنوان «${p.title}»، وفيه ${items(p.count)} بانتظار إجابتك أو ملفاتك. يمكنك الإجابة عن كل بند ورفع الملفات في بوابة العملاء.`,
  'request.sent.action': 'افتح الطلب في البوابة',

  'request.item_returned.subject': (p) => `أُعيدت إليك إجابة في الطلب ${p.number} من ${p.workspace}: ${p.title}`,
  'request.item_returned.body': (p) => `أُعيدت إليك إجابتك عن «${p.prompt}» في الطلب ${p.number} بعنوان «${p.title}» من ${p.workspace}.`,
  'request.item_returned.again': 'يمكنك الإجابة عنه مرة أخرى في بوابة العملاء، التي تطلب منك تسجيل الدخول بعنوان البريد الإلكتروني هذا أولًا.',
  'request.item_returned.action': 'أجب مرة أخرى في البوابة',

  reason: (p) => `السبب: ${p.reason}`,

  'invoice.sent.subject': (p) => `الفاتورة ${p.number} من ${p.workspace}`,
  'invoice.sent.body': (p) =>
    `وصلتك من ${p.workspace} الفاتورة ${p.number} بمبلغ ${p.total}. المبلغ المستحق ${p.due}، ويُدفع حتى ${p.dueDate}. يمكنك عرض الفاتورة وتنزيلها في بوابة العملاء.`,
  'invoice.action': 'افتح الفاتورة في البوابة',

  'estimate.sent.subject': (p) => `تقدير تكلفة من ${p.workspace}: ${p.title}`,
  'estimate.sent.body': (p) =>
    `وصلك من ${p.workspace} تقدير التكلفة ${p.number} بعنوان «${p.title}» بمبلغ ${p.total}. يمكنك مراجعته واعتماده أو رفضه في بوابة العملاء حتى ${p.until}.`,
  'estimate.sent.action': 'افتح تقدير التكلفة في البوابة',

  'delivery.exception.subject': (p) => `مشكلة في شحنتك من ${p.workspace}${p.reference ? ` (${p.reference})` : ''}`,
  'delivery.exception.body': (p) =>
    `بلاغ من ${p.workspace} عن مشكلة في شحنتك${p.reference ? ` الخاصة بـ ${p.reference}` : ''}، المرسلة عبر ${p.carrier} (رقم التتبع ${p.tracking})، بتاريخ ${p.at}:`,
  'delivery.exception.timeline': 'يمكنك متابعة مراحل الشحنة في بوابة العملاء، التي تطلب منك تسجيل الدخول بعنوان البريد الإلكتروني هذا أولًا.',
  'delivery.exception.action': 'تتبّع الشحنة في البوابة',

  'payment_proof.accepted.subject': (p) => `تأكيد دفعتك البالغة ${p.amount} للفاتورة ${p.invoice} من ${p.workspace}`,
  'payment_proof.accepted.body': (p) =>
    `قُبل إثبات الدفع الذي أرسلته إلى ${p.workspace} بمبلغ ${p.amount}، المدفوع في ${p.paidOn} (المرجع ${p.reference})، وسُجّلت الدفعة على الفاتورة ${p.invoice}. المبلغ المستحق الآن ${p.due}.`,
  'payment_proof.accepted.invoice': 'الفاتورة موجودة في بوابة العملاء، التي تطلب منك تسجيل الدخول بعنوان البريد الإلكتروني هذا أولًا.',

  'payment_proof.rejected.subject': (p) => `تعذّر قبول إثبات الدفع للفاتورة ${p.invoice} لدى ${p.workspace}`,
  'payment_proof.rejected.body': (p) =>
    `تعذّر على ${p.workspace} قبول إثبات الدفع الذي أرسلته بمبلغ ${p.amount}، المدفوع في ${p.paidOn} (المرجع ${p.reference})، للفاتورة ${p.invoice}.`,
  'payment_proof.rejected.again': (p) =>
    `لا يزال المبلغ المستحق ${p.due}. يمكنك إرسال إثبات آخر في بوابة العملاء، التي تطلب منك تسجيل الدخول بعنوان البريد الإلكتروني هذا أولًا.`,
};

/** "one item", "two items", "3 items", "11 items"… with the noun in the form Arabic gives each count. */
function items(count: number): string {
  switch (pluralOf('ar', count)) {
    case 'zero':
      return 'لا بنود';
    case 'one':
      return 'بند واحد';
    case 'two':
      return 'بندان';
    case 'few':
      return `${count} بنود`;
    case 'many':
      return `${count} بندًا`;
    default:
      return `${count} بند`;
  }
}

function minutes(count: number): string {
  switch (pluralOf('ar', count)) {
    case 'one':
      return 'دقيقة واحدة';
    case 'two':
      return 'دقيقتين';
    case 'few':
      return `${count} دقائق`;
    case 'many':
      return `${count} دقيقةً`;
    default:
      return `${count} دقيقة`;
  }
}
