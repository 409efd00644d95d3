import type { Strings } from '../strings';

/**
 * Turkish (formal "siz"). Interpolated dates and names are followed by a separate word ("tarihine",
 * "adresine") so no suffix has to agree with a value we cannot inflect.
 */
export const tr: Strings = {
  locale: 'tr',
  greeting: 'Merhaba,',
  signOff: 'Saygılarımızla,',
  team: ({ firm }) => `${firm} Destek Ekibi`,
  noSubject: 'Destek talebiniz',
  receivedSubject: 'Mesajınızı aldık',
  trackingNumber: ({ tracking }) => `Takip numaranız: ${tracking}.`,

  ackIntro:
    'Bizimle iletişime geçtiğiniz için teşekkür ederiz. Mesajınızı aldık ve sizin için bir destek kaydı oluşturduk.',
  processHeading: 'Bundan sonraki adımlar',
  processSteps: [
    'Destek ekibimizden bir temsilci mesajınızı okur.',
    'Daha fazla bilgiye ihtiyacımız olursa bu e-postayı yanıtlar ve cevabınızı bekleriz.',
    'Talebinizi inceler ve kaydınız açık olduğu sürece sizi bilgilendiririz.',
    'Sonucu size bildirir ve gerekçesini açıklarız.',
  ],
  responseTimeHeading: 'Ne zaman yanıt alacaksınız',
  expectedResponse: ({ when }) => `Size ${when} tarihine kadar yanıt vermeyi öngörüyoruz.`,
  estimatedResolution: ({ when }) => `Kaydınızı ${when} tarihine kadar çözmeyi öngörüyoruz.`,
  hours24x7: 'Destek ekibimiz yılın her günü, 24 saat hizmet vermektedir.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Destek ekibimizin çalışma saatleri: ${days}, ${hours} (${zone} saat dilimi). Bu saatler dışında gelen mesajlar bir sonraki iş günü ele alınır.`,
  surgeNote:
    'Şu anda alışılmadık derecede yüksek sayıda mesaj alıyoruz. Yukarıdaki süre bu durum hesaba katılarak belirlenmiştir.',

  noticesHeading: 'Hizmet duyuruları',
  noticeMaintenance: 'Planlı bakım',
  noticeIncident: 'Hizmet kesintisi',
  noticeWindow: ({ from, to }) => `Başlangıç: ${from}. Bitiş: ${to}.`,
  noticeOpenEnded: ({ from }) => `Başlangıç: ${from}. Ne zaman sona ereceği henüz bilinmiyor.`,
  noticeDelay: ({ delay }) => `Yanıtlarımız her zamankinden en fazla ${delay} daha geç gelebilir.`,

  howToReplyHeading: 'Nasıl yanıt verebilirsiniz',
  howToReply: ({ tracking, address }) =>
    `Bu e-postayı yanıtlamanız yeterlidir (yanıtınız ${address} adresine gider). Mesajınızın kaydınıza eklenmesi için konu satırındaki ${tracking} numarasını silmeyin.`,
  checkStatus: ({ tracking }) =>
    `Kaydınızın durumunu öğrenmek için bu e-postayı yanıtlayın veya ${tracking} takip numaranızı belirterek bizi arayın.`,
  contactHeading: 'Resmi iletişim kanallarımız',
  labelPhone: 'Telefon: ',
  labelEmail: 'E-posta: ',
  labelFaq: 'Yardım merkezi (SSS): ',
  labelServiceStatus: 'Hizmet durumu: ',
  labelPostalAddress: 'Posta adresi: ',
  labelWebsite: 'Web sitesi: ',
  officialDomain: ({ domain }) =>
    `Size yalnızca @${domain} ile biten adreslerden yazarız. Bizim adımıza yazdığını iddia eden başka bir göndereni dolandırıcılık olarak değerlendirin.`,

  securityHeading: 'Hesabınızın güvenliği',
  securityWarning:
    'Çalışanlarımız sizden asla şifrenizi, özel anahtarlarınızı, kurtarma ifadenizi (seed phrase) veya iki adımlı doğrulama (2FA) kodlarınızı istemez. Bunları biz dahil hiç kimseyle paylaşmayın.',

  automationHeading: 'Bu mesaj hakkında',
  automationSent: 'Bu mesaj otomatik olarak gönderilmiştir.',
  automationHuman: 'Kaydınızla bir makine değil, ekibimizden bir çalışan ilgilenecektir.',
  automationReachPerson: ({ phone }) =>
    `Bir çalışanla görüşmek için bu e-postayı yanıtlayın veya ${phone} numaralı telefondan bizi arayın.`,

  complaintsHeading: 'Şikâyetler',
  complaintsFirm: ({ firm }) => `Memnun kalmadıysanız ${firm} şirketine şikâyette bulunabilirsiniz:`,
  complaintsRegulator: ({ regulator }) => `Ayrıca denetim kurumuna (${regulator}) da şikâyette bulunabilirsiniz:`,

  replyReceivedIntro: ({ tracking }) => `Mesajınızı aldık ve ${tracking} numaralı kaydınıza ekledik.`,
  replyReceivedNoResend: 'Tekrar göndermenize gerek yoktur. Size en kısa sürede dönüş yapacağız.',

  agentReplyFooter: ({ tracking }) => `Bu mesaj ${tracking} numaralı kaydınıza verilen bir yanıttır.`,

  statusIntro: ({ tracking }) => `${tracking} numaralı kaydınızla ilgili son durumu aşağıda bulabilirsiniz.`,
  statusHeading: 'Kaydınızın durumu',
  progressReceived: 'Kaydınız sırada bekliyor ve ekibimizin ilk müsait temsilcisi tarafından ele alınacak.',
  progressInvestigating: 'Talebinizi inceliyoruz.',
  progressEscalated: 'Kaydınız incelenmek üzere ekibimizdeki kıdemli bir çalışana iletildi.',
  progressWaitingThirdParty:
    'Devam edebilmek için üçüncü bir taraftan (örneğin bir bankadan veya bir blokzincir ağından) bilgi bekliyoruz.',
  resolutionDateChanged: ({ before, after }) =>
    `Kaydınızın tahmini çözüm tarihini değiştirdik. Önceki tarih: ${before}. Yeni tarih: ${after}.`,
  labelReason: 'Neden: ',
  nextUpdate: ({ when }) =>
    `Bir sonraki bilgilendirmeyi ${when} tarihine kadar alacaksınız; bir gelişme olursa daha erken haber vereceğiz.`,

  resolutionIntro: ({ tracking }) => `${tracking} numaralı kaydınızla ilgili çalışmamızı tamamladık.`,
  outcomeFull: 'Sonuç: talebiniz tamamen karşılandı.',
  outcomePartial: 'Sonuç: talebiniz kısmen karşılandı.',
  outcomeDenied: 'Sonuç: maalesef talebinizi karşılayamıyoruz.',
  explanationHeading: 'Açıklamamız',
  reopenHeading: 'Katılmıyorsanız veya daha fazla yardıma ihtiyacınız varsa',
  reopen: ({ until }) => `${until} tarihine kadar bu e-postayı yanıtlarsanız kaydınızı yeniden açarız.`,
  escalate:
    'Sonuçtan memnun değilseniz bunu yanıtınızda belirtin; ekibimizdeki kıdemli bir çalışan kaydınızı yeniden inceleyecektir.',
  ratingHeading: 'Hizmetimizi nasıl buldunuz?',
  ratingPrompt: 'Kaydınızı nasıl ele aldığımızı tek tıkla, 1 (çok kötü) ile 5 (mükemmel) arasında puanlayın:',

  autoCloseIntro: ({ tracking, since }) =>
    `${since} tarihinden beri sizden haber alamadığımız için ${tracking} numaralı kaydınızı kapattık.`,
  autoCloseReopen: ({ until }) =>
    `Hâlâ yardıma ihtiyacınız varsa ${until} tarihine kadar bu e-postayı yanıtlayın, kaydı yeniden açalım. Bu tarihten sonra lütfen bize yeni bir mesaj yazın.`,

  noticeMailIntro: ({ tracking }) =>
    `Açık olan ${tracking} numaralı kaydınızla ilgili olarak, yanıt sürelerimizi etkileyebilecek bir durum hakkında sizi bilgilendirmek istiyoruz.`,
  noticeMailClosing: 'Kaydınız açık kalmaya devam ediyor ve üzerinde çalışıyoruz. Bize tekrar yazmanıza gerek yoktur.',

  lateIntro: ({ tracking }) =>
    `${tracking} numaralı şikâyetiniz hakkında öngörülen süre içinde karar veremedik ve bunun nedenini size açıklamak istiyoruz.`,
  lateReasonHeading: 'Neden daha uzun sürüyor',
  lateExpected: ({ when }) => `Kararımızı artık ${when} tarihine kadar size bildirmeyi öngörüyoruz.`,
  lateApology: 'Gecikme için özür dileriz.',
};
