/// The id of a published event: `<epoch>-<sequence>`, e.g. `k3f9x2-1042`.
///
/// Within one epoch, sequences are strictly increasing across all topics of the node
/// (the first event gets 1), so `(epoch, sequence)` orders a node's history. Ids of
/// different epochs are not ordered: another epoch means that history is gone.
package struct EventID: Hashable, Sendable, CustomStringConvertible {
    /// The broker lifetime that issued the id.
    package let epoch: Epoch
    /// Position in that lifetime's history, from 1 (0 means "before the first event").
    package let sequence: UInt64

    /// Most decimal digits a `UInt64` needs.
    private static let maxSequenceDigits = 20

    /// The id of position `sequence` in `epoch`.
    package init(epoch: Epoch, sequence: UInt64) {
        self.epoch = epoch
        self.sequence = sequence
    }

    /// Parses the string form strictly: an ``Epoch``, one `-`, then a decimal sequence
    /// without sign or leading zeros that fits in 64 bits. Anything else throws
    /// ``BrokerError/sinceMalformed`` (`bad_since`). Whether the id was actually issued
    /// is the broker's question, not the parser's.
    package init(parsing text: some StringProtocol) throws(BrokerError) {
        let utf8 = text.utf8
        guard utf8.count <= Epoch.maxLength + 1 + Self.maxSequenceDigits,
            let dash = utf8.firstIndex(of: 0x2D)  // "-"
        else { throw .sinceMalformed }
        guard let epoch = Epoch(String(decoding: utf8[..<dash], as: UTF8.self)) else {
            throw .sinceMalformed
        }
        let digits = utf8[utf8.index(after: dash)...]
        guard let first = digits.first, first != 0x30 || digits.count == 1 else {
            throw .sinceMalformed
        }
        var sequence: UInt64 = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { throw .sinceMalformed }
            let (times10, overflowTimes) = sequence.multipliedReportingOverflow(by: 10)
            let (sum, overflowPlus) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflowTimes, !overflowPlus else { throw .sinceMalformed }
            sequence = sum
        }
        self.init(epoch: epoch, sequence: sequence)
    }

    /// `<epoch>-<sequence>`, the form clients see and send back as `since`.
    package var description: String { "\(epoch.text)-\(sequence)" }
}
