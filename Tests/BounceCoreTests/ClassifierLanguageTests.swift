import Testing

@testable import BounceCore

/// Replies in the languages receivers answer in, each with the cause it must get. Written for
/// this project in each language's ordinary wording; upper-case variants check the case folding.
let languageCases: [ReplyCase] = [
    // Chinese, simplified and traditional.
    ReplyCase(reply: "550 收件人不存在", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(reply: "550 用戶不存在，請檢查地址", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 收件人邮箱已满", cause: .mailboxFull, rule: "lang.mailbox-full", status: .deferred),
    ReplyCase(reply: "552 信箱已滿", cause: .mailboxFull, rule: "lang.mailbox-full"),
    ReplyCase(reply: "550 该帐号已被冻结", cause: .mailboxDisabled, rule: "lang.disabled"),
    ReplyCase(
        reply: "552 郵件過大，超過大小限制", cause: .messageTooLarge, rule: "lang.too-large", stage: .endOfData
    ),
    ReplyCase(reply: "554 邮件被识别为垃圾邮件", cause: .spam, rule: "lang.spam", stage: .endOfData),
    ReplyCase(
        reply: "451 發送頻率過高，請稍後再試", cause: .rateLimited, rule: "lang.rate-limited", status: .deferred
    ),
    ReplyCase(
        reply: "450 灰名单，请稍后重试", cause: .greylisted, rule: "lang.greylisted", status: .deferred),
    // Japanese.
    ReplyCase(reply: "550 ユーザーが存在しません", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 メールボックスの容量超過です", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(reply: "550 迷惑メールと判定されました", cause: .spam, rule: "lang.spam", stage: .endOfData),
    ReplyCase(
        reply: "421 送信数が多すぎます", cause: .rateLimited, rule: "lang.rate-limited", status: .deferred),
    // Korean.
    ReplyCase(
        reply: "550 존재하지 않는 사용자입니다", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(reply: "552 메일함 용량 초과", cause: .mailboxFull, rule: "lang.mailbox-full"),
    ReplyCase(reply: "554 스팸으로 분류되었습니다", cause: .spam, rule: "lang.spam", stage: .endOfData),
    ReplyCase(reply: "550 휴면 계정입니다", cause: .mailboxDisabled, rule: "lang.disabled"),
    // Russian, with upper case.
    ReplyCase(
        reply: "550 ПОЛЬЗОВАТЕЛЬ НЕ НАЙДЕН", cause: .recipientUnknown,
        rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Почтовый ящик ПЕРЕПОЛНЕН", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(
        reply: "554 Письмо похоже на СПАМ", cause: .spam, rule: "lang.spam", stage: .endOfData),
    ReplyCase(
        reply: "421 Слишком много соединений", cause: .rateLimited, rule: "lang.rate-limited",
        status: .deferred),
    ReplyCase(
        reply: "552 Письмо слишком большое", cause: .messageTooLarge, rule: "lang.too-large",
        stage: .endOfData),
    // Ukrainian.
    ReplyCase(
        reply: "550 Скриньку не знайдено", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "550 Обліковий запис ЗАБЛОКОВАНО", cause: .mailboxDisabled, rule: "lang.disabled"),
    ReplyCase(
        reply: "452 Скринька переповнена", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    // German, with upper-case umlauts.
    ReplyCase(
        reply: "550 EMPFÄNGER UNBEKANNT", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Postfach voll", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(
        reply: "552 Nachricht zu GROß", cause: .messageTooLarge, rule: "lang.too-large",
        stage: .endOfData),
    ReplyCase(reply: "550 Konto gesperrt", cause: .mailboxDisabled, rule: "lang.disabled"),
    ReplyCase(
        reply: "421 Zu viele Verbindungen von Ihrer IP", cause: .rateLimited,
        rule: "lang.rate-limited", status: .deferred),
    // French.
    ReplyCase(
        reply: "550 Utilisateur inconnu", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(reply: "552 BOÎTE PLEINE", cause: .mailboxFull, rule: "lang.mailbox-full"),
    ReplyCase(
        reply: "554 Courrier indésirable refusé", cause: .spam, rule: "lang.spam", stage: .endOfData
    ),
    ReplyCase(reply: "550 Compte désactivé", cause: .mailboxDisabled, rule: "lang.disabled"),
    // Spanish.
    ReplyCase(
        reply: "550 Usuario desconocido", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Buzón lleno", cause: .mailboxFull, rule: "lang.mailbox-full", status: .deferred),
    ReplyCase(
        reply: "552 Mensaje demasiado grande", cause: .messageTooLarge, rule: "lang.too-large",
        stage: .endOfData),
    ReplyCase(
        reply: "451 Lista gris, inténtelo más tarde", cause: .greylisted, rule: "lang.greylisted",
        status: .deferred),
    // Italian.
    ReplyCase(
        reply: "550 Utente sconosciuto", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Casella piena", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(reply: "550 Account sospeso", cause: .mailboxDisabled, rule: "lang.disabled"),
    // Portuguese.
    ReplyCase(
        reply: "550 Usuário desconhecido", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Caixa postal cheia", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(
        reply: "421 Muitas conexões, tente mais tarde", cause: .rateLimited,
        rule: "lang.rate-limited", status: .deferred),
    // Dutch.
    ReplyCase(
        reply: "550 Onbekende gebruiker", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Mailbox is vol", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(
        reply: "552 Bericht te groot", cause: .messageTooLarge, rule: "lang.too-large",
        stage: .endOfData),
    // Polish, with upper-case diacritics.
    ReplyCase(
        reply: "550 UŻYTKOWNIK NIE ISTNIEJE", cause: .recipientUnknown,
        rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 SKRZYNKA PEŁNA", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(reply: "550 Konto zablokowane", cause: .mailboxDisabled, rule: "lang.disabled"),
    // Turkish.
    ReplyCase(
        reply: "550 Kullanıcı bulunamadı", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Posta kutusu dolu", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(reply: "554 İstenmeyen e-posta", cause: .spam, rule: "lang.spam", stage: .endOfData),
    // Czech, with upper-case diacritics.
    ReplyCase(
        reply: "550 UŽIVATEL NEEXISTUJE", cause: .recipientUnknown, rule: "lang.recipient-unknown"),
    ReplyCase(
        reply: "452 Schránka je plná", cause: .mailboxFull, rule: "lang.mailbox-full",
        status: .deferred),
    ReplyCase(
        reply: "552 Zpráva je příliš velká", cause: .messageTooLarge, rule: "lang.too-large",
        stage: .endOfData),
]

@Test(arguments: languageCases)
func replyInAnotherLanguageIsClassified(_ test: ReplyCase) {
    let result = ReplyEvent.classify(test.reply, status: test.status, stage: test.stage)
    #expect(result.classification.cause == test.cause)
    #expect(result.classification.ruleID == test.rule)
}

@Test func caseFoldingCoversLatinAndCyrillicLetters() {
    #expect(CaseFold.fold("EMPFÄNGER ÜBER QUOTA") == "empfänger über quota")
    #expect(CaseFold.fold("ŁÓDŹ ŻÓŁW ČŘŠ") == "łódź żółw čřš")
    #expect(CaseFold.fold("ПОЛЬЗОВАТЕЛЬ ЁЖ ЄІЇҐ") == "пользователь ёж єіїґ")
    #expect(CaseFold.fold("用户不存在 ×") == "用户不存在 ×", "no case: unchanged; × is no letter")
}

/// Invalid UTF-8 never breaks a match or a line: a stray continuation byte, a truncated
/// sequence, an overlong lead byte and 0xFF around and between the words.
@Test func invalidUTF8NeverBreaksAMatchOrALine() {
    let broken: [[UInt8]] = [[0xFF], [0xC3], [0xD0], [0x80, 0x80], [0xE4, 0xB8], [0xF0, 0x9F]]
    for junk in broken {
        var reply = Array("550 ".utf8) + junk + Array(" 用户不存在 ".utf8) + junk
        reply += Array(" and ".utf8) + junk
        let cause = reply.withUnsafeMutableBufferPointer { mutable -> Cause in
            let line = UnsafeBufferPointer(mutable)
            var event = RawEvent(mta: .postfix, kind: .delivery, status: .bounced, timestamp: nil)
            event.reply = ByteRange(0, line.count)
            event.replyIsRemote = true
            event.stage = .rcptTo
            event.replyCode = 550
            return Classifier.standard.classify(event, in: line).cause
        }
        #expect(cause == .recipientUnknown, "junk \(junk)")

        let prefix =
            "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 4F2A11C0D3: to=<a@b.example>, "
            + "relay=mx.b.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.0.0, "
            + "status=bounced (host mx.b.example[192.0.2.1] said: 550 "
        var line = Array(prefix.utf8) + junk + Array(" User unknown ".utf8) + junk
        line += Array(" (in reply to RCPT TO command))".utf8)
        let parsed = line.withUnsafeMutableBufferPointer { mutable -> String? in
            let buffer = UnsafeBufferPointer(mutable)
            guard case .event(let event) = LineParser().parse(buffer) else { return nil }
            return Classifier.standard.classify(event, in: buffer).ruleID
        }
        #expect(parsed == "recipient.phrase", "the line with junk \(junk) parses and matches")
    }
}
