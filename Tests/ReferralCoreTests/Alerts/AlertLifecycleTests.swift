import Testing
@testable import ReferralCore

/// Every state × event of an alert identity's life, and the sequences ops see.
@Suite struct AlertLifecycleTests {
    typealias State = AlertLifecycle.State
    typealias Event = AlertLifecycle.Event
    typealias Action = AlertLifecycle.Action

    struct Transition: Sendable, CustomStringConvertible {
        let from: State, event: Event, to: State, action: Action
        var description: String { "\(from) + \(event) → \(to)/\(action)" }
    }

    static let table: [Transition] = [
        .init(from: .none, event: .evaluated(holds: true, inWindow: true), to: .firing, action: .raise),
        .init(from: .none, event: .evaluated(holds: true, inWindow: false), to: .historic, action: .recordHistoric),
        .init(from: .none, event: .evaluated(holds: false, inWindow: true), to: .none, action: .none),
        .init(from: .none, event: .evaluated(holds: false, inWindow: false), to: .none, action: .none),
        .init(from: .none, event: .leftWindow, to: .none, action: .none),
        .init(from: .firing, event: .evaluated(holds: true, inWindow: true), to: .firing, action: .update),
        .init(from: .firing, event: .evaluated(holds: false, inWindow: true), to: .resolved, action: .resolve),
        .init(from: .firing, event: .evaluated(holds: true, inWindow: false), to: .historic, action: .demote),
        .init(from: .firing, event: .evaluated(holds: false, inWindow: false), to: .historic, action: .demote),
        .init(from: .firing, event: .leftWindow, to: .historic, action: .demote),
        .init(from: .resolved, event: .evaluated(holds: true, inWindow: true), to: .firing, action: .raise),
        .init(from: .resolved, event: .evaluated(holds: true, inWindow: false), to: .resolved, action: .none),
        .init(from: .resolved, event: .evaluated(holds: false, inWindow: true), to: .resolved, action: .none),
        .init(from: .resolved, event: .evaluated(holds: false, inWindow: false), to: .resolved, action: .none),
        .init(from: .resolved, event: .leftWindow, to: .resolved, action: .none),
        .init(from: .historic, event: .evaluated(holds: true, inWindow: true), to: .historic, action: .none),
        .init(from: .historic, event: .evaluated(holds: true, inWindow: false), to: .historic, action: .none),
        .init(from: .historic, event: .evaluated(holds: false, inWindow: true), to: .historic, action: .none),
        .init(from: .historic, event: .evaluated(holds: false, inWindow: false), to: .historic, action: .none),
        .init(from: .historic, event: .leftWindow, to: .historic, action: .none),
    ]

    @Test(arguments: table)
    func transition(_ t: Transition) {
        var alert = AlertLifecycle(state: t.from)
        let action = alert.handle(t.event)
        #expect(action == t.action)
        #expect(alert.state == t.to)
    }

    @Test func tableCoversEveryStateAndEvent() {
        let events: [Event] = [.evaluated(holds: true, inWindow: true), .evaluated(holds: true, inWindow: false),
                               .evaluated(holds: false, inWindow: true), .evaluated(holds: false, inWindow: false),
                               .leftWindow]
        for state in [State.none, .firing, .resolved, .historic] {
            for event in events {
                #expect(Self.table.contains { $0.from == state && $0.event == event }, "\(state) + \(event)")
            }
        }
    }

    @Test func raisedOnceWhileFiringThenResolvedThenRaisedAnew() {
        var alert = AlertLifecycle(state: .none)
        let holds = Event.evaluated(holds: true, inWindow: true)
        let actions = [holds, holds, holds, .evaluated(holds: false, inWindow: true), holds, .leftWindow, holds]
            .map { alert.handle($0) }
        #expect(actions == [.raise, .update, .update, .resolve, .raise, .demote, .none])
        #expect(alert.state == .historic)
    }

    @Test func backfilledHistoryStaysQuiet() {
        var alert = AlertLifecycle(state: .none)
        let actions = [Event.evaluated(holds: true, inWindow: false), .evaluated(holds: false, inWindow: false),
                       .evaluated(holds: true, inWindow: true)].map { alert.handle($0) }
        #expect(actions == [.recordHistoric, .none, .none])
        #expect(alert.state == .historic)
    }
}
