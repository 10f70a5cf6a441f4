import ArgumentParser

/// Exit statuses (sysexits conventions, spec README.md); with several files the highest applies.
enum ExitStatus: Int32, Comparable {
    case success = 0
    case rowsRefused = 1
    case fileRefused = 2
    case usage = 64
    case dataUnreadable = 65
    case databaseUnavailable = 69
    /// An output file could not be written (sysexits EX_CANTCREAT).
    case cantCreate = 73
    case configuration = 78

    static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }

    var code: ExitCode { ExitCode(rawValue) }
}
