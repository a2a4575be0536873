extension Rule {
    /// A reply in another language, as a bare Postfix deferral or bounce from a generic MX.
    static func said(
        _ reply: String, dsn: String = "5.0.0", status: String = "bounced", to: String,
        relay: String = genericRelay, stage: String = "RCPT TO"
    ) -> String {
        SampleLine.postfix(to, relay: relay, dsn: dsn, status: status, said: reply, stage: stage)
    }

    /// The common causes in the languages receivers answer in: Chinese (simplified and
    /// traditional), Japanese, Korean, Russian, Ukrainian, German, French, Spanish, Italian,
    /// Portuguese, Dutch, Polish, Turkish and Czech. Matched on UTF-8 bytes, case-folded where the
    /// script has case (`CaseFold`); they come after the providers' codes and before the English
    /// phrases, in the same order of causes (greylisting, rate, quota, size, disabled, recipient,
    /// spam).
    static let languageRules: [Rule] = [
        Rule(
            "lang.greylisted", .greylisted,
            summary: "Greylisting, worded in another language.",
            any: [
                "灰名单", "灰名單", "グレイリスト", "グレーリスト", "그레이리스트", "серый список",
                "сером списке", "серого списка",
                "сірий список", "graue liste", "liste grise", "lista gris", "lista grigia",
                "lista cinza", "grijze lijst", "szara lista", "gri liste", "šedý seznam",
                "šedá listina",
            ],
            sample: said(
                "450 4.7.1 <ivan@example.ru>: Адрес временно в сером списке, повторите попытку "
                    + "позже", dsn: "4.7.1", status: "deferred", to: "ivan@example.ru")),
        Rule(
            "lang.rate-limited", .rateLimited,
            summary: "Too many connections or messages, worded in another language.",
            any: [
                "频率", "頻率", "过于频繁", "過於頻繁", "多すぎ", "送信制限", "너무 많은", "발송 제한",
                "слишком много", "превышен лимит", "забагато", "перевищено ліміт", "zu viele",
                "trop de messages", "ralentissez", "demasiados", "demasiadas", "troppi messaggi",
                "troppe connessioni", "muitas mensagens", "muitas conexões", "te veel",
                "zbyt wiele", "za dużo", "çok fazla", "příliš mnoho",
            ],
            sample: said(
                "421 4.7.0 发送频率过高，请稍后再试", dsn: "4.7.0", status: "deferred",
                to: "zhao.lei@corp.example.cn")),
        Rule(
            "lang.mailbox-full", .mailboxFull,
            summary: "The mailbox is full, worded in another language.",
            any: [
                "邮箱已满", "空间不足", "容量已满", "郵箱已滿", "信箱已滿", "空間不足", "容量超過",
                "容量オーバー", "容量がいっぱい", "용량 초과", "용량이 초과", "용량이 부족",
                "메일함이 가득",
                "переполнен", "превышена квота", "квота превышена", "недостаточно места",
                "переповнена", "перевищено квоту", "postfach voll", "postfach ist voll",
                "speicherplatz", "quota überschritten", "boîte pleine", "boite pleine",
                "boîte aux lettres pleine", "boite aux lettres pleine", "quota dépassé",
                "buzón lleno", "buzon lleno", "cuota excedida", "casella piena", "quota superata",
                "spazio esaurito", "caixa cheia", "caixa postal cheia", "cota excedida",
                "mailbox vol", "mailbox is vol", "postvak vol", "postvak is vol",
                "quotum overschreden", "skrzynka pełna",
                "skrzynka jest pełna", "przepełniona", "kutusu dolu", "kota aşıldı",
                "schránka je plná", "plná schránka", "překročena kvóta",
            ],
            sample: said(
                "452 Почтовый ящик переполнен", dsn: "4.0.0", status: "deferred",
                to: "olga@example.ru")),
        Rule(
            "lang.too-large", .messageTooLarge,
            summary: "The message is too large, worded in another language.",
            any: [
                "邮件过大", "邮件太大", "郵件過大", "郵件太大", "超过大小限制", "超過大小限制",
                "サイズが大きすぎ", "サイズ超過", "サイズ制限", "크기가 너무", "크기 초과",
                "слишком больш", "размер письма превышает", "занадто великий",
                "nachricht zu groß", "zu groß", "zu gross", "trop volumineux", "taille maximale",
                "demasiado grande", "tamaño máximo", "troppo grande", "dimensione massima",
                "muito grande", "tamanho máximo", "te groot", "maximale grootte", "zbyt duża",
                "za duża", "maksymalny rozmiar", "çok büyük", "boyut sınırı", "příliš velká",
                "maximální velikost",
            ],
            sample: said(
                "552 メールのサイズが大きすぎます", dsn: "5.0.0", to: "tanaka@example.jp",
                stage: "end of DATA")),
        Rule(
            "lang.disabled", .mailboxDisabled,
            summary: "The account is disabled or suspended, worded in another language.",
            any: [
                "已被冻结", "账号已冻结", "已停用", "已被禁用", "凍結", "已注销", "已註銷",
                "利用停止", "停止されて", "휴면", "비활성", "사용 중지", "ящик заблокирован",
                "учетная запись заблокирована", "отключен", "деактивирован", "заблоковано",
                "деактивовано", "konto gesperrt", "postfach gesperrt", "deaktiviert",
                "stillgelegt", "compte désactivé", "compte desactive", "compte suspendu",
                "cuenta deshabilitada", "cuenta desactivada", "cuenta suspendida",
                "account disabilitato", "account sospeso", "disattivat", "conta desativada",
                "conta suspensa", "uitgeschakeld", "gedeactiveerd", "konto zablokowane",
                "konto wyłączone", "konto nieaktywne", "devre dışı", "askıya alındı",
                "účet je zablokován", "deaktivován", "pozastaven",
            ],
            sample: said(
                "550 该账号已冻结", to: "sun.li@corp.example.cn")),
        Rule(
            "lang.recipient-unknown", .recipientUnknown,
            summary: "The mailbox does not exist, worded in another language.",
            any: [
                "用户不存在", "收件人不存在", "邮箱不存在", "帐号不存在", "账号不存在", "账户不存在",
                "用戶不存在", "信箱不存在", "郵箱不存在", "帳號不存在", "无此用户", "無此用戶",
                "未开通", "ユーザが存在しません", "ユーザーが存在しません", "アドレスが存在しません",
                "アカウントが存在しません", "宛先不明", "존재하지 않는", "없는 사용자",
                "찾을 수 없", "пользователь не найден", "нет такого пользователя", "не существует",
                "получатель не найден", "ящик не найден", "неизвестный пользователь",
                "не знайдено", "не існує", "немає такого користувача", "unbekannt",
                "existiert nicht", "ungültiger empfänger", "kein solcher benutzer",
                "utilisateur inconnu", "destinataire inconnu", "adresse inconnue",
                "n'existe pas", "inexistant", "introuvable", "usuario desconocido",
                "destinatario desconocido", "no existe", "usuario inexistente",
                "utente sconosciuto", "utente inesistente", "destinatario sconosciuto",
                "non esiste", "inesistente", "desconhecido", "não existe", "nao existe",
                "inexistente", "onbekende gebruiker", "gebruiker onbekend", "bestaat niet",
                "ontvanger onbekend", "nieznany użytkownik", "nie istnieje", "nieznany odbiorca",
                "kullanıcı bulunamadı", "bilinmeyen kullanıcı", "alıcı bulunamadı",
                "mevcut değil", "neznámý uživatel", "neexistuje", "neznámý příjemce",
            ],
            // A sender check in another language ("the sender domain does not exist") is not
            // about the recipient; the English sender phrases have decided it already.
            stages: recipientStages,
            sample: said(
                "550 5.1.1 <max@firma.example>: Empfänger unbekannt", dsn: "5.1.1",
                to: "max@firma.example")),
        Rule(
            "lang.spam", .spam,
            summary: "The content was judged spam, worded in another language.",
            any: [
                "垃圾邮件", "垃圾郵件", "广告邮件", "迷惑メール", "スパム", "스팸", "спам",
                "unerwünscht", "indésirable", "indesirable", "pourriel", "non sollicité",
                "no deseado", "no solicitado", "indesiderat", "non richiesta", "lixo eletrônico",
                "não solicitad", "ongewenste", "niechcian", "nevyžádan",
                // Turkish: capital İ has no one-byte lower case; match from the second letter.
                "stenmeyen",
            ],
            sample: said(
                "554 5.7.1 您发送的邮件被判定为垃圾邮件", dsn: "5.7.1", to: "zhou.yan@corp.example.cn",
                stage: "end of DATA")),
    ]
}
