/// What ``HTTPRequestParser/next()`` found in the bytes received so far.
package enum HTTPParserEvent: Sendable, Equatable {
    /// A complete request, body included. Pipelined requests come one per call, in order.
    case request(HTTPRequest)
    /// The head of a request with `Expect: 100-continue` (HTTP/1.1) arrived and its body is not yet
    /// complete: the server writes `HTTP/1.1 100 Continue` (``HTTPResponseEncoder/continueBytes``)
    /// unless it refuses the request outright. Given at most once per request.
    case expectContinue
}
