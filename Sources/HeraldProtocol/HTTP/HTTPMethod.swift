/// A request method. Methods are case-sensitive (RFC 9110 §9.1): `get` is `.other("get")`, not `.get`.
package enum HTTPMethod: Sendable, Hashable, CustomStringConvertible {
    /// `GET`.
    case get
    /// `HEAD`.
    case head
    /// `POST`.
    case post
    /// `PUT`.
    case put
    /// `DELETE`.
    case delete
    /// `OPTIONS`.
    case options
    /// `PATCH`.
    case patch
    /// `TRACE`.
    case trace
    /// `CONNECT`.
    case connect
    /// Any other syntactically valid method token, kept as sent.
    case other(String)

    /// Maps a method token (already checked to be a token) to its case.
    package init(token: String) {
        switch token {
        case "GET": self = .get
        case "HEAD": self = .head
        case "POST": self = .post
        case "PUT": self = .put
        case "DELETE": self = .delete
        case "OPTIONS": self = .options
        case "PATCH": self = .patch
        case "TRACE": self = .trace
        case "CONNECT": self = .connect
        default: self = .other(token)
        }
    }

    /// The method token as written on the request line.
    package var name: String {
        switch self {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        case .options: "OPTIONS"
        case .patch: "PATCH"
        case .trace: "TRACE"
        case .connect: "CONNECT"
        case .other(let token): token
        }
    }

    /// Same as ``name``.
    package var description: String { name }
}

/// The protocol version on a request line. Herald speaks HTTP/1.1 and accepts HTTP/1.0 clients;
/// any other version is refused with 505.
package enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// `HTTP/1.0`: connections close after each response unless the client asks for keep-alive.
    case http1_0
    /// `HTTP/1.1`: connections stay open unless either side sends `Connection: close`.
    case http1_1

    /// `"HTTP/1.0"` or `"HTTP/1.1"`.
    package var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}
