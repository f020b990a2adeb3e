// Filter.compile on any text (invalid UTF-8 decoded with replacement characters): it compiles or
// throws a FilterError with a column within the text (or 1025 past the length limit); a compiled
// filter's normalized text compiles again to an equal filter with the same text (normalization is
// idempotent).
import HeraldFilter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let length = text.utf8.count
    do {
        let filter = try Filter.compile(text)
        let normalized = filter.text
        do {
            let again = try Filter.compile(normalized, maxTextBytes: .max)
            if again != filter || again.text != normalized {
                disagreement("normalized \(normalized.debugDescription) compiles to \(again.text.debugDescription)")
            }
        } catch {
            disagreement("normalized \(normalized.debugDescription) of \(text.debugDescription) fails: \(error)")
        }
    } catch {
        let limit = FilterLimits.maxTextBytes
        let valid = length > limit ? error.column == limit + 1 : (1...max(length + 1, 1)).contains(error.column)
        if !valid { disagreement("column \(error.column) for \(length) bytes: \(error)") }
        if error.message.isEmpty { disagreement("empty message") }
    }
    return 0
}
