import Foundation

/// Set by the signal handler to the signal that asked the command to stop; 0 until then.
nonisolated(unsafe) private var stopSignal: sig_atomic_t = 0

/// Ctrl-C and SIGTERM ask a long command to stop at the next safe point instead of ending it mid-way.
enum StopRequest {
    /// The first SIGINT or SIGTERM is remembered; the handler then steps aside, so a second one ends
    /// the process at once (the database stays consistent either way: every write is a transaction).
    static func catchSignals() {
        for number in [SIGINT, SIGTERM] {
            signal(number) { received in
                stopSignal = received
                signal(received, SIG_DFL)
            }
        }
    }

    static var receivedSignal: Int32 { stopSignal }

    static var wasRequested: Bool { stopSignal != 0 }
}
