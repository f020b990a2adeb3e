import HeraldProtocol

/// `POST /publish` bodies: a JSON array of items, or NDJSON (one item per line),
/// validated whole before anything is published. A bad item is reported with its index.
struct BatchParser {
    let limits: GatewayConfiguration.Publish

    struct Failure: Error {
        let status: HTTPStatus
        let code: String
        let message: String
        let index: Int?

        var response: HTTPResponse {
            var body = Array(#"{"error":{"code":"#.utf8)
            JSONEncoding.appendString(code, to: &body)
            body.append(contentsOf: #","message":"#.utf8)
            JSONEncoding.appendString(message, to: &body)
            if let index { body.append(contentsOf: #","index":\#(index)"#.utf8) }
            body.append(contentsOf: "}}".utf8)
            return HTTPResponse(status: status, headers: ["content-type": "application/json"], body: body)
        }
    }

    /// Items nest `data` inside the item inside the array: allow room for the payload's own depth.
    static let maxDepth = 64

    func parse(body: [UInt8], contentType: String?) throws(Failure) -> [PubSubHub.Item] {
        let mediaType = contentType.map(EventPayload.mediaType(of:)) ?? ""
        let values = mediaType == "application/x-ndjson" ? try lines(body) : try array(body)
        guard !values.isEmpty else {
            throw Failure(status: .badRequest, code: "bad_request", message: "the batch is empty", index: nil)
        }
        guard values.count <= limits.maxBatch else {
            throw Failure(
                status: .contentTooLarge, code: "batch_too_large",
                message: "a batch may have at most \(limits.maxBatch) items", index: nil)
        }
        var items: [PubSubHub.Item] = []
        items.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            guard value.objectMembers != nil else {
                throw Failure(status: .badRequest, code: "bad_request", message: "an item is a JSON object", index: index)
            }
            do {
                let item = try ControlMessage.publishItem(value) { code, message in
                    ControlMessage.Failure(requestID: nil, code: code, message: message)
                }
                guard item.payload.body.count <= limits.maxBodyBytes else {
                    throw Failure(
                        status: .contentTooLarge, code: "body_too_large",
                        message: "an item's data may have at most \(limits.maxBodyBytes) bytes", index: index)
                }
                items.append(item)
            } catch let failure as ControlMessage.Failure {
                throw Failure(status: .badRequest, code: failure.code, message: failure.message, index: index)
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(status: .badRequest, code: "bad_request", message: "\(error)", index: index)
            }
        }
        return items
    }

    private func array(_ body: [UInt8]) throws(Failure) -> [JSONValue] {
        do {
            let document = try JSONDocument.parse(body, maxDepth: Self.maxDepth)
            guard let elements = document.arrayValue else {
                throw Failure(
                    status: .badRequest, code: "bad_request",
                    message: "a batch is a JSON array (or NDJSON with Content-Type: application/x-ndjson)", index: nil)
            }
            return elements
        } catch let error as JSONError {
            throw Failure(
                status: .badRequest, code: "bad_json", message: "\(error.message) at byte \(error.offset)", index: nil)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(status: .badRequest, code: "bad_json", message: "\(error)", index: nil)
        }
    }

    /// One JSON value per non-blank line.
    private func lines(_ body: [UInt8]) throws(Failure) -> [JSONValue] {
        var values: [JSONValue] = []
        for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                values.append(try JSONDocument.parse(line, maxDepth: Self.maxDepth))
            } catch {
                throw Failure(
                    status: .badRequest, code: "bad_json",
                    message: "line \(values.count + 1): \(error.message) at byte \(error.offset)", index: values.count)
            }
        }
        return values
    }
}
