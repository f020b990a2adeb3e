/// How a request's body is delimited (RFC 9112 §6), decided from its head.
extension HTTPRequestParser {
    /// The phase that reads the body, or nil when the request has none.
    ///
    /// `Transfer-Encoding` must be exactly `chunked` (another coding: 501) and may not come with
    /// `Content-Length` nor on HTTP/1.0 (400, both request-smuggling defences). `Content-Length` may
    /// repeat only with equal values; a length over the limit fails here, before any body byte is read.
    static func bodyFraming(
        _ headers: HTTPHeaders, version: HTTPVersion, limits: HTTPParserLimits
    ) throws(HTTPParseError) -> Phase? {
        var contentLength: Int?
        var hasTransferEncoding = false
        var chunkedCount = 0
        var hasOtherCoding = false
        for field in headers {
            if HTTPBytes.equalsIgnoringCase(field.name, "content-length") {
                for element in HTTPBytes.ListElements(field.value) {
                    guard let length = parseContentLength(element) else { throw .invalidContentLength }
                    if let contentLength, contentLength != length { throw .invalidContentLength }
                    contentLength = length
                }
            } else if HTTPBytes.equalsIgnoringCase(field.name, "transfer-encoding") {
                hasTransferEncoding = true
                for element in HTTPBytes.ListElements(field.value) where !element.isEmpty {
                    // A coding may carry parameters (`gzip;q=1`); only its name matters here.
                    var coding = element.prefix { $0 != HTTPBytes.semicolon }
                    while let last = coding.last, HTTPBytes.isWhitespace(last) { coding = coding.dropLast() }
                    if HTTPBytes.equalsIgnoringCase(coding, "chunked".utf8) {
                        chunkedCount &+= 1
                    } else {
                        hasOtherCoding = true
                    }
                }
            }
        }

        if hasTransferEncoding {
            if contentLength != nil { throw .contentLengthWithTransferEncoding }
            if version == .http1_0 { throw .invalidTransferEncoding }
            if hasOtherCoding { throw .unsupportedTransferEncoding }
            guard chunkedCount == 1 else { throw .invalidTransferEncoding }
            return .chunkSize
        }
        guard let contentLength, contentLength > 0 else { return nil }
        guard contentLength <= limits.maxBodyBytes else { throw .bodyTooLarge }
        return .fixedBody(remaining: contentLength)
    }

    /// Decimal digits only; a value too large for `Int` saturates (and then fails the body limit).
    private static func parseContentLength(_ digits: Substring.UTF8View) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard let digit = HTTPBytes.decimalValue(byte) else { return nil }
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = shifted.addingReportingOverflow(digit)
            value = shiftOverflow || sumOverflow ? Int.max : sum
        }
        return value
    }
}
