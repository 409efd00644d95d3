import type { Topic } from '../case';

/**
 * Keyword rules for the regulator's tabulation (type and topic), per supported language. This is
 * configuration: a firm can replace or extend it, and agents correct the result on the case.
 *
 * Latin, Cyrillic and Turkish keywords are word stems matched at the start of a word, after case folding
 * and accent stripping (so "retragere" matches "retrageri", "reclamatie" matches "reclamație"); a keyword
 * starting with `=` must match a whole word (`=fee` does not match "feedback"). Chinese, Japanese and Korean
 * keywords are matched anywhere.
 */
export interface TopicKeywords {
  readonly topics: Readonly<Partial<Record<Exclude<Topic, 'other'>, readonly string[]>>>;
  readonly complaint: readonly string[];
}

export type KeywordTable = Readonly<Record<string, TopicKeywords>>;

export const DEFAULT_KEYWORDS: KeywordTable = {
  en: {
    topics: {
      withdrawal: ['withdraw', 'payout', 'cash out', 'cashout', 'sent to my wallet', 'not received my funds'],
      deposit: ['deposit', 'top up', 'top-up', 'funding', 'wire transfer', 'not credited'],
      account_access: [
        'login',
        'log in',
        'sign in',
        'signin',
        'password',
        '2fa',
        'two-factor',
        'two factor',
        'authenticator',
        'locked',
        'lock out',
        'locked out',
        'cannot access',
        "can't access",
        'disabled account',
        'account disabled',
        'suspended',
      ],
      verification: ['kyc', 'verif', 'identity', 'id document', 'passport', 'proof of address', 'selfie'],
      fees: ['=fee', '=fees', 'commission', 'charged', 'overcharg', 'spread'],
      trading: [
        'trade',
        'trading',
        '=order',
        '=orders',
        'limit order',
        'stop loss',
        'liquidat',
        'margin',
        'futures',
        'leverage',
        'slippage',
      ],
      fraud: ['scam', 'fraud', 'phishing', 'hacked', 'stolen', 'unauthori', 'impersonat', 'compromised', 'theft'],
    },
    complaint: [
      'complain',
      'unacceptable',
      'regulator',
      'lawyer',
      'attorney',
      'legal action',
      'sue you',
      'ombudsman',
      '=dfs',
      'outrageous',
      'disgrace',
      'formal grievance',
      'report you',
    ],
  },
  es: {
    topics: {
      withdrawal: ['retir', 'extraer'],
      deposit: ['deposit', 'ingreso', 'transferencia', 'recarga'],
      account_access: [
        'contrasena',
        'iniciar sesion',
        'acceso',
        'acceder',
        'bloquead',
        'autenticacion',
        'doble factor',
        '2fa',
      ],
      verification: ['verificacion', 'verificar', 'identidad', 'pasaporte', 'documento', 'kyc'],
      fees: ['comision', 'tarifa', '=cargo', 'cobro'],
      trading: ['operacion', 'orden', 'compra', 'venta', 'apalancamiento', 'liquidacion'],
      fraud: ['estafa', 'fraude', 'robo', 'robad', 'hackead', 'suplantacion', 'no autorizad'],
    },
    complaint: ['queja', 'reclamacion', 'reclamo', 'inaceptable', 'abogado', 'regulador', 'denuncia', 'demanda'],
  },
  fr: {
    topics: {
      withdrawal: ['retrait', 'retirer'],
      deposit: ['depot', 'deposer', 'virement', 'approvisionn'],
      account_access: [
        'mot de passe',
        'connexion',
        'connecter',
        'acces',
        'bloque',
        'authentification',
        'double facteur',
        '2fa',
      ],
      verification: ['verification', 'verifier', 'identite', 'passeport', 'justificatif', 'kyc'],
      fees: ['frais', 'commission', 'facture'],
      trading: ['ordre', 'trading', 'achat', 'vente', 'levier', 'liquidation'],
      fraud: ['arnaque', 'escroquerie', 'fraude', '=vol', '=vole', 'pirat', 'hameconnage', 'non autorise'],
    },
    complaint: ['plainte', 'reclamation', 'inacceptable', 'avocat', 'regulateur', 'mediateur', 'scandaleux'],
  },
  de: {
    topics: {
      withdrawal: ['auszahlung', 'abheb', 'auszahl'],
      deposit: ['einzahlung', 'einzahl', 'uberweisung', 'gutschrift'],
      account_access: [
        'passwort',
        'kennwort',
        'anmeld',
        'einloggen',
        'login',
        'gesperrt',
        'zugang',
        'zwei-faktor',
        '2fa',
      ],
      verification: ['verifizierung', 'verifiz', 'identitat', 'ausweis', 'reisepass', 'kyc'],
      fees: ['gebuhr', 'kosten', 'provision'],
      trading: ['handel', 'order', 'kauf', 'verkauf', 'hebel', 'liquidation'],
      fraud: ['betrug', 'gestohlen', 'gehackt', 'phishing', 'diebstahl', 'nicht autorisiert'],
    },
    complaint: [
      'beschwerde',
      'reklamation',
      'inakzeptabel',
      'unzumutbar',
      'anwalt',
      'bafin',
      'aufsichtsbehorde',
      'klage',
    ],
  },
  it: {
    topics: {
      withdrawal: ['prelievo', 'prelev', 'ritiro'],
      deposit: ['deposito', 'deposit', 'versamento', 'bonifico', 'ricarica'],
      account_access: ['password', 'accesso', 'accedere', 'login', 'bloccat', 'autenticazione', '2fa'],
      verification: ['verifica', 'identita', 'documento', 'passaporto', 'kyc'],
      fees: ['commission', 'costo', 'tariff', 'addebit'],
      trading: ['ordine', 'trading', 'acquisto', 'vendita', '=leva', 'liquidazione'],
      fraud: ['truffa', 'frode', 'rubat', 'furto', 'hackerat', 'phishing', 'non autorizzat'],
    },
    complaint: ['reclamo', 'reclamazione', 'lamentela', 'inaccettabile', 'avvocato', 'consob', 'denuncia'],
  },
  pt: {
    topics: {
      withdrawal: ['saque', 'sacar', 'levantamento', 'retirada'],
      deposit: ['deposito', 'depositar', 'transferencia', '=pix'],
      account_access: ['senha', 'login', 'acesso', 'acessar', 'bloquead', 'autenticacao', '2fa'],
      verification: ['verificacao', 'verificar', 'identidade', 'documento', 'passaporte', 'kyc'],
      fees: ['taxa', 'tarifa', 'comissao', 'cobranca', 'cobrad'],
      trading: ['ordem', 'negociacao', 'compra', 'venda', 'alavancagem', 'liquidacao'],
      fraud: ['golpe', 'fraude', 'roubad', 'roubo', 'hackead', 'invadid', 'nao autorizad'],
    },
    complaint: ['reclamacao', 'queixa', 'inaceitavel', 'advogado', 'regulador', 'procon', 'processo judicial'],
  },
  ro: {
    topics: {
      withdrawal: ['retrager', 'retrage', 'extragere'],
      deposit: ['depunere', 'depozit', 'alimentare', 'transfer bancar'],
      account_access: ['parola', 'autentificare', 'conectare', 'acces', 'blocat', '2fa'],
      verification: ['verificare', 'identitate', 'buletin', 'pasaport', 'kyc'],
      fees: ['comision', 'taxa', 'costuri'],
      trading: ['tranzactionare', 'ordin', 'cumparare', 'vanzare', 'efect de levier', 'lichidare'],
      fraud: ['frauda', 'inselatorie', 'teapa', 'furat', 'furt', 'spart', 'neautorizat'],
    },
    complaint: ['reclamatie', 'plangere', 'inacceptabil', 'avocat', '=anpc', '=asf', 'autoritatea de supraveghere'],
  },
  ru: {
    topics: {
      withdrawal: ['вывод', 'вывест', 'снят'],
      deposit: ['депозит', 'пополнен', 'зачислен', 'перевод'],
      account_access: ['парол', 'вход', 'войти', 'логин', 'заблокирован', 'доступ', 'двухфактор', '2fa'],
      verification: ['верификац', 'личност', 'паспорт', 'kyc', 'документ'],
      fees: ['комисси', '=плата', 'списан'],
      trading: ['торгов', 'ордер', 'сделк', 'покупк', 'продаж', 'плеч', 'ликвидац'],
      fraud: ['мошенни', 'обман', 'украл', 'кража', 'взлом', 'фишинг'],
    },
    complaint: ['жалоб', 'претензи', 'неприемлем', 'адвокат', 'юрист', 'регулятор', '=суд', 'судебн'],
  },
  tr: {
    topics: {
      withdrawal: ['cekim', 'cekme', 'cekemiyorum', 'para cek'],
      deposit: ['yatir', 'yatirma', 'havale'],
      account_access: ['sifre', 'giris', 'oturum', 'kilitli', 'erisim', 'iki adimli', '2fa'],
      verification: ['dogrulama', 'kimlik', 'pasaport', 'kyc'],
      fees: ['ucret', 'komisyon', 'kesinti'],
      trading: ['islem', '=emir', 'alim', 'satim', 'kaldirac', 'likidasyon'],
      fraud: ['dolandir', 'sahtekar', 'calindi', 'hacklendi', 'oltalama', 'yetkisiz'],
    },
    complaint: ['sikayet', 'kabul edilemez', 'avukat', 'dava', '=spk', '=bddk'],
  },
  zh: {
    topics: {
      withdrawal: ['提现', '提币', '提款', '出金'],
      deposit: ['充值', '充币', '入金', '存款'],
      account_access: ['登录', '登陆', '密码', '验证码', '谷歌验证', '二次验证', '账户被锁', '冻结'],
      verification: ['实名', '认证', '身份', '护照', 'kyc'],
      fees: ['手续费', '费用', '收费'],
      trading: ['交易', '订单', '委托', '杠杆', '合约', '爆仓', '强平'],
      fraud: ['诈骗', '骗子', '被盗', '盗号', '钓鱼', '被黑', '未经授权'],
    },
    complaint: ['投诉', '举报', '律师', '不可接受', '监管', '起诉'],
  },
  ja: {
    topics: {
      withdrawal: ['出金', '引き出し', '送金できない'],
      deposit: ['入金', '預け入れ', '着金'],
      account_access: ['ログイン', 'パスワード', '二段階認証', '2段階認証', 'ロック', 'アクセスでき'],
      verification: ['本人確認', '認証', '身分証', 'パスポート', 'kyc'],
      fees: ['手数料', '料金'],
      trading: ['取引', '注文', 'レバレッジ', 'ロスカット', '約定'],
      fraud: ['詐欺', '不正', '盗まれ', 'ハッキング', 'フィッシング', 'なりすまし'],
    },
    complaint: ['苦情', 'クレーム', '弁護士', '容認できない', '金融庁', '訴訟'],
  },
  ko: {
    topics: {
      withdrawal: ['출금', '인출'],
      deposit: ['입금', '충전'],
      account_access: ['로그인', '비밀번호', '2단계 인증', '잠금', '접속', 'otp'],
      verification: ['본인인증', '인증', '신분증', '여권', 'kyc'],
      fees: ['수수료', '요금'],
      trading: ['거래', '주문', '레버리지', '청산', '매수', '매도'],
      fraud: ['사기', '도난', '해킹', '피싱', '무단'],
    },
    complaint: ['민원', '불만', '항의', '변호사', '금융감독원', '소송'],
  },
};
