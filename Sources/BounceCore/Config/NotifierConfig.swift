/// One way to send alerts; a configuration may have several, each receives every alert.
public enum NotifierConfig: Sendable, Equatable {
    case sendmail(SendmailNotifierConfig)
    case smtp(SMTPNotifierConfig)
    case alertmanager(AlertmanagerNotifierConfig)
    case file(FileNotifierConfig)

    /// The `notifier` label of `bouncewatch_notifications_total`, unique within a configuration.
    public var name: String {
        switch self {
        case .sendmail(let config): config.name
        case .smtp(let config): config.name
        case .alertmanager(let config): config.name
        case .file(let config): config.name
        }
    }
}

/// `type: sendmail`: hands the message to the local MTA's sendmail program (argv only, no shell).
public struct SendmailNotifierConfig: Sendable, Equatable {
    public var path: String
    /// Arguments after the program name; the recipients come from the `To:` header (`-t`).
    public var arguments: [String]
    /// The `From:` address; nil means `bouncewatch@` the host name.
    public var from: String?
    public var to: [String]
    public var name: String

    public init(
        path: String = "/usr/sbin/sendmail", arguments: [String] = ["-t", "-oi"],
        from: String? = nil, to: [String] = ["postmaster@localhost"], name: String = "sendmail"
    ) {
        self.path = path
        self.arguments = arguments
        self.from = from
        self.to = to
        self.name = name
    }
}

/// How an SMTP notifier protects its connection.
public enum SMTPTLSMode: String, Sendable, Equatable, CaseIterable {
    case none
    case starttls
    /// TLS from the first byte (port 465).
    case implicit
}

/// `type: smtp`: a relay of the administrator's choice, independent of the local MTA.
public struct SMTPNotifierConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var tls: SMTPTLSMode
    /// PEM certificates to trust instead of the system's.
    public var caFile: String?
    public var username: String?
    /// A file holding the password (first line), so the YAML holds no secret.
    public var passwordFile: String?
    public var from: String
    public var to: [String]
    public var timeoutSeconds: Int
    public var name: String

    public init(
        host: String, port: Int = 587, tls: SMTPTLSMode = .starttls, caFile: String? = nil,
        username: String? = nil, passwordFile: String? = nil, from: String, to: [String],
        timeoutSeconds: Int = 30, name: String = "smtp"
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.caFile = caFile
        self.username = username
        self.passwordFile = passwordFile
        self.from = from
        self.to = to
        self.timeoutSeconds = timeoutSeconds
        self.name = name
    }
}

/// `type: alertmanager`: POSTs to Alertmanager's `/api/v2/alerts`.
public struct AlertmanagerNotifierConfig: Sendable, Equatable {
    /// Base URL, `http://127.0.0.1:9093`.
    public var url: String
    public var timeoutSeconds: Int
    public var name: String

    public init(url: String, timeoutSeconds: Int = 10, name: String = "alertmanager") {
        self.url = url
        self.timeoutSeconds = timeoutSeconds
        self.name = name
    }
}

/// `type: file`: appends each alert mail to an mbox file.
public struct FileNotifierConfig: Sendable, Equatable {
    public var path: String
    public var name: String

    public init(path: String, name: String = "file") {
        self.path = path
        self.name = name
    }
}
