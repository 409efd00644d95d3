import type { Strings } from '../strings';

/** French. */
export const fr: Strings = {
  locale: 'fr',
  greeting: 'Bonjour,',
  signOff: 'Cordialement,',
  team: ({ firm }) => `Le service client de ${firm}`,
  noSubject: 'Votre demande d’assistance',
  receivedSubject: 'Nous avons bien reçu votre message',
  trackingNumber: ({ tracking }) => `Votre numéro de suivi est ${tracking}.`,

  ackIntro: 'Merci de nous avoir contactés. Nous avons bien reçu votre message et avons ouvert un dossier.',
  processHeading: 'Les prochaines étapes',
  processSteps: [
    'Un membre de notre équipe d’assistance lit votre message.',
    'Si nous avons besoin de précisions, nous répondons à cet e-mail et attendons votre réponse.',
    'Nous examinons votre demande et vous tenons informé tant que votre dossier est ouvert.',
    'Nous vous communiquons le résultat et vous l’expliquons.',
  ],
  responseTimeHeading: 'Quand attendre une réponse',
  expectedResponse: ({ when }) => `Nous prévoyons de vous répondre d’ici le ${when}.`,
  estimatedResolution: ({ when }) => `Nous prévoyons de traiter votre dossier d’ici le ${when}.`,
  hours24x7: 'Notre équipe d’assistance travaille 24 heures sur 24, tous les jours de l’année.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Notre équipe d’assistance travaille ${days}, ${hours} (heure de ${zone}). Les messages reçus en dehors de ces horaires sont traités le jour ouvré suivant.`,
  surgeNote:
    'Nous recevons actuellement un nombre de messages inhabituellement élevé. Le délai indiqué en tient déjà compte.',

  noticesHeading: 'Informations sur le service',
  noticeMaintenance: 'Maintenance programmée',
  noticeIncident: 'Incident de service',
  noticeWindow: ({ from, to }) => `Du ${from} au ${to}.`,
  noticeOpenEnded: ({ from }) => `Depuis le ${from} ; nous ne savons pas encore quand il prendra fin.`,
  noticeDelay: ({ delay }) => `Nos réponses peuvent prendre jusqu’à ${delay} de plus que d’habitude.`,

  howToReplyHeading: 'Comment nous répondre',
  howToReply: ({ tracking, address }) =>
    `Répondez simplement à cet e-mail (il sera envoyé à ${address}) en gardant ${tracking} dans l’objet, afin que votre message soit ajouté à votre dossier.`,
  checkStatus: ({ tracking }) =>
    `Pour connaître l’état de votre dossier, répondez à cet e-mail ou appelez-nous en indiquant votre numéro de suivi ${tracking}.`,
  contactHeading: 'Nos canaux de contact officiels',
  labelPhone: 'Téléphone : ',
  labelEmail: 'E-mail : ',
  labelFaq: 'Centre d’aide (FAQ) : ',
  labelServiceStatus: 'État du service : ',
  labelPostalAddress: 'Adresse postale : ',
  labelWebsite: 'Site web : ',
  officialDomain: ({ domain }) =>
    `Nous vous écrivons uniquement depuis des adresses se terminant par @${domain}. Considérez tout autre expéditeur se présentant comme nous comme une fraude.`,

  securityHeading: 'Protégez votre compte',
  securityWarning:
    'Notre personnel ne vous demandera jamais votre mot de passe, vos clés privées, votre phrase de récupération (seed) ni vos codes d’authentification à deux facteurs (2FA). Ne les communiquez à personne, pas même à nous.',

  automationHeading: 'À propos de ce message',
  automationSent: 'Ce message a été envoyé automatiquement.',
  automationHuman: 'Votre dossier sera traité par un membre de notre équipe, et non par une machine.',
  automationReachPerson: ({ phone }) =>
    `Pour parler à une personne, répondez à cet e-mail ou appelez-nous au ${phone}.`,

  complaintsHeading: 'Réclamations',
  complaintsFirm: ({ firm }) => `Si vous n’êtes pas satisfait, vous pouvez adresser une réclamation à ${firm} :`,
  complaintsRegulator: ({ regulator }) =>
    `Vous pouvez également adresser une réclamation à l’autorité de contrôle (${regulator}) :`,

  replyReceivedIntro: ({ tracking }) =>
    `Nous avons bien reçu votre message et l’avons ajouté à votre dossier ${tracking}.`,
  replyReceivedNoResend: 'Inutile de le renvoyer. Nous vous répondrons dès que possible.',

  agentReplyFooter: ({ tracking }) => `Ceci est une réponse concernant votre dossier ${tracking}.`,

  statusIntro: ({ tracking }) => `Voici des nouvelles de votre dossier ${tracking}.`,
  statusHeading: 'Où en est votre dossier',
  progressReceived:
    'Votre dossier est dans notre file d’attente et sera pris en charge par le prochain membre disponible de notre équipe.',
  progressInvestigating: 'Nous examinons votre demande.',
  progressEscalated: 'Votre dossier a été transmis à un responsable de notre équipe pour examen.',
  progressWaitingThirdParty:
    'Nous attendons des informations d’un tiers (par exemple une banque ou un réseau blockchain) avant de pouvoir continuer.',
  resolutionDateChanged: ({ before, after }) =>
    `Nous avons modifié la date de résolution estimée de votre dossier : elle passe du ${before} au ${after}.`,
  labelReason: 'Motif : ',
  nextUpdate: ({ when }) => `Vous recevrez la prochaine mise à jour d’ici le ${when}, ou plus tôt s’il y a du nouveau.`,

  resolutionIntro: ({ tracking }) => `Nous avons terminé le traitement de votre dossier ${tracking}.`,
  outcomeFull: 'Résultat : votre demande a été entièrement satisfaite.',
  outcomePartial: 'Résultat : votre demande a été partiellement satisfaite.',
  outcomeDenied: 'Résultat : nous ne pouvons pas donner suite à votre demande.',
  explanationHeading: 'Notre explication',
  reopenHeading: 'Si vous n’êtes pas d’accord ou avez besoin d’aide',
  reopen: ({ until }) => `Répondez à cet e-mail d’ici le ${until} et nous rouvrirons votre dossier.`,
  escalate:
    'Si le résultat ne vous satisfait pas, indiquez-le dans votre réponse : un responsable de notre équipe réexaminera votre dossier.',
  ratingHeading: 'Votre avis nous intéresse',
  ratingPrompt: 'Évaluez en un clic le traitement de votre dossier, de 1 (très mauvais) à 5 (excellent) :',

  autoCloseIntro: ({ tracking, since }) =>
    `Nous avons clôturé votre dossier ${tracking}, faute de nouvelles de votre part depuis le ${since}.`,
  autoCloseReopen: ({ until }) =>
    `Si vous avez encore besoin d’aide, répondez à cet e-mail d’ici le ${until} et nous le rouvrirons. Passé cette date, écrivez-nous dans un nouveau message.`,

  noticeMailIntro: ({ tracking }) =>
    `Nous vous écrivons au sujet de votre dossier ouvert ${tracking} pour vous informer d’un événement qui peut allonger nos délais de réponse.`,
  noticeMailClosing:
    'Votre dossier reste ouvert et nous continuons à le traiter. Vous n’avez pas besoin de nous réécrire.',

  lateIntro: ({ tracking }) =>
    `Nous n’avons pas pu prendre de décision sur votre réclamation ${tracking} dans le délai prévu, et nous souhaitons vous en expliquer la raison.`,
  lateReasonHeading: 'Pourquoi cela prend plus de temps',
  lateExpected: ({ when }) => `Nous prévoyons désormais de vous communiquer notre décision d’ici le ${when}.`,
  lateApology: 'Nous vous prions de nous excuser pour ce retard.',
};
