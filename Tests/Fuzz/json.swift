// JSONValidator.validate and JSONDocument.parse must agree on every input: both accept, or both
// refuse with the same error (reason and offset). On acceptance: the root's raw bytes are the input
// without surrounding whitespace, `validateValue` finds the same range, nested values' raw bytes
// parse to values with the same raw bytes, and every decoded string survives a round trip through
// JSONEncoding.appendString.
import HeraldProtocol

func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}

func checkNested(_ root: JSONValue) {
    var pending = [root]
    var checked = 0
    while let value = pending.popLast(), checked < 64 {
        checked += 1
        switch value.kind {
        case .array(let elements): pending += elements
        case .object(let members): pending += members.map(\.value)
        case .string(let text):
            var encoded: [UInt8] = []
            JSONEncoding.appendString(text, to: &encoded)
            guard let again = try? JSONDocument.parse(encoded), again.stringValue == text else {
                disagreement("string \(Array(text.utf8)) does not survive encoding as \(encoded)")
            }
        case .number(let number):
            _ = number.intValue
        case .null, .bool: break
        }
        let raw = Array(value.raw)
        guard let reparsed = try? JSONDocument.parse(raw) else {
            disagreement("nested raw \(raw) does not parse")
        }
        if Array(reparsed.raw) != raw { disagreement("nested raw \(raw) reparses as \(Array(reparsed.raw))") }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let raw = UnsafeRawBufferPointer(bytes)
    let hash = inputHash(bytes)
    // Mostly the default depth, sometimes a shallow one so `tooDeep` is reached cheaply.
    let maxDepth = hash >> 40 & 3 == 0 ? Int(hash >> 48 & 7) : JSONValidator.defaultMaxDepth

    let validated = Result { () throws(JSONError) in try JSONValidator.validate(raw, maxDepth: maxDepth) }
    let parsed = Result { () throws(JSONError) in try JSONDocument.parse(raw, maxDepth: maxDepth) }
    switch (validated, parsed) {
    case (.success, .success(let value)):
        var start = 0
        var end = size
        while start < end && isJSONWhitespace(bytes[start]) { start += 1 }
        while end > start && isJSONWhitespace(bytes[end - 1]) { end -= 1 }
        if Array(value.raw) != Array(bytes[start..<end]) {
            disagreement("root raw \(Array(value.raw)) is not the trimmed input")
        }
        guard let range = try? JSONValidator.validateValue(in: raw, maxDepth: maxDepth), range == start..<end else {
            disagreement("validateValue disagrees with the trimmed range \(start)..<\(end)")
        }
        if JSONValidator.isValid(raw, maxDepth: maxDepth) == false { disagreement("isValid false") }
        checkNested(value)
    case (.failure(let expected), .failure(let error)):
        if error != expected { disagreement("parse threw \(error), validate threw \(expected)") }
    case (.success, .failure(let error)):
        disagreement("validate accepts, parse throws \(error)")
    case (.failure(let error), .success):
        disagreement("validate throws \(error), parse accepts")
    }
    return 0
}
