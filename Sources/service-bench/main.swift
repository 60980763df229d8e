import Foundation
import Giftwise
import Synchronization

// Usage: service-bench DB SECONDS WORKERS QUERY...
// The in-process rate Benchmarks/service.sh compares the server with: WORKERS threads (one per
// core) each answer the given GET /v1/recommendations query strings in turn, for SECONDS, doing
// what the server does for an uncached request minus HTTP (the request → the library's
// recommend → the JSON document's bytes). Prints `RESULT requests=N rps=R`.
let arguments = CommandLine.arguments
guard arguments.count >= 5, let seconds = Double(arguments[2]), let workers = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: service-bench DB SECONDS WORKERS QUERY...\n".utf8))
    exit(2)
}
let catalog = try GiftCatalog(path: arguments[1])

func request(_ query: String) -> RecommendationRequest {
    var request = RecommendationRequest(age: 0)
    for pair in query.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map {
            String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
        }
        guard parts.count == 2 else { continue }
        switch parts[0] {
        case "age": request.age = Double(parts[1]) ?? 0
        case "interest": request.interests.append(parts[1])
        case "purpose": request.purposes += Purpose(rawValue: parts[1]).map { [$0] } ?? []
        case "budget": request.budget = Double(parts[1])
        case "budgetMin": request.budgetMin = Double(parts[1])
        case "exclude": request.exclude.append(parts[1])
        case "limit": request.limit = Int(parts[1])
        default: break
        }
    }
    return request
}

let requests = arguments.dropFirst(4).map { request(String($0.split(separator: "?").last ?? "")) }

/// What one request costs in-process: the profile, the library's recommend, the document's bytes.
struct Work: Sendable {
    let catalog: GiftCatalog
    let requests: [RecommendationRequest]

    func answer(_ index: Int) throws -> Int {
        let request = requests[index % requests.count]
        let profile = try request.profile(in: catalog)
        let result = try catalog.recommend(for: profile, limit: request.limit ?? 5)
        return try GiftwiseJSON.text(RecommendationDocument(result)).utf8.count
    }
}

final class Tally: Sendable {
    let total = Mutex<Int>(0)
}

let work = Work(catalog: catalog, requests: requests)
for index in requests.indices { _ = try work.answer(index) }  // warm-up: caches, pages
let deadline = Date().addingTimeInterval(seconds)
let tally = Tally()
let group = DispatchGroup()
let start = Date()
for worker in 0..<workers {
    group.enter()
    Thread.detachNewThread {
        var index = worker
        var answered = 0
        while Date() < deadline {
            _ = try? work.answer(index)
            index += 1
            answered += 1
        }
        tally.total.withLock { $0 += answered }
        group.leave()
    }
}
group.wait()
let elapsed = Date().timeIntervalSince(start)
let total = tally.total.withLock { $0 }
print(String(format: "RESULT requests=%d rps=%.1f", total, Double(total) / elapsed))
