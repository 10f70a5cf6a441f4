/// Why an item cannot be handed over; nothing was recorded (exit 65 for the commands).
public enum IntakeError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let why): why
        }
    }
}
