import Foundation
import GRDB
import Giftwise

// Usage: semantic-bench DB [RUNS]
// Times the semantic signal in-process on a catalog: filling product vectors, embedding a
// phrase, nearest products within typical hard limits (cold and warm), scoring 500 candidates.
// Prints min / median / p95 in milliseconds. Benchmarks/semantic.sh drives it.
let arguments = CommandLine.arguments
// `semantic-bench --embed FILE`: FILE holds records "name \u{1F} description \u{1E}" (e.g. a
// catalog's names and descriptions); times making every product's stored vector the import's
// way against the general way, three rounds each, and checks the two agree byte for byte.
if arguments.count >= 3, arguments[1] == "--embed" {
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))
    let records = String(decoding: data, as: UTF8.self).split(separator: "\u{1E}", omittingEmptySubsequences: true)
        .map { record -> (String, String) in
            let fields = record.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(fields[0]), fields.count > 1 ? String(fields[1]) : "")
        }
    var fast = ProductVectorEncoder()
    var general = ProductVectorEncoder(fastWay: false)
    let differing =
        ProcessInfo.processInfo.environment["EMBED_ONLY_IMPORT"] != nil
        ? []
        : records.filter { fast.encode(name: $0.0, description: $0.1) != general.encode(name: $0.0, description: $0.1) }
    print("\(records.count) products, \(differing.count) vectors differ")
    for round in 1...3 {
        for (label, fastWay) in ProcessInfo.processInfo.environment["EMBED_ONLY_IMPORT"] != nil
            ? [("import", true)] : [("general", false), ("import", true)]
        {
            var encoder = ProductVectorEncoder(fastWay: fastWay)
            var bytes = 0
            // Thread CPU time: steadier than wall time on a shared machine.
            func cpu() -> Double {
                var time = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
                return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
            }
            let start = cpu()
            for (name, description) in records {
                bytes &+= Int(encoder.encode(name: name, description: description)[0])
            }
            let seconds = cpu() - start
            print(
                String(
                    format: "round %d  %-8@ %.3f s CPU (%.2f µs a product) %d", round, label as NSString, seconds,
                    seconds * 1e6 / Double(records.count), bytes & 1))
        }
    }
    exit(0)
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: semantic-bench DB [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count >= 3 ? Int(arguments[2]) ?? 30 : 30

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

func measure(_ label: String, warmUp: Bool = true, _ body: () throws -> Void) rethrows {
    var samples: [Double] = []
    if warmUp { try body() }
    for _ in 0..<runs {
        let start = now()
        try body()
        samples.append(now() - start)
    }
    samples.sort()
    let p95 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.95).rounded(.up)) - 1)]
    print(
        String(
            format: "%-44@ min %8.3f ms   median %8.3f ms   p95 %8.3f ms", label as NSString, samples[0],
            samples[samples.count / 2], p95))
}

let openStart = now()
let catalog = try GiftCatalog(path: arguments[1])
print(String(format: "open (embedding any products without vectors)   %8.1f ms", now() - openStart))
let products = try catalog.productCount()
print("products: \(products)")

struct Rollback: Error {}
do {
    let start = now()
    var filled = 0
    do {
        try catalog.database.writer.write { db in
            try db.execute(sql: "DELETE FROM product_vector")
            filled = try ProductVectors.fillMissing(db)
            throw Rollback()
        }
    } catch is Rollback {}
    print(
        String(
            format: "fill all product vectors (rolled back)          %8.1f ms for %d (%.1f µs each, incl. delete)",
            now() - start, filled, (now() - start) * 1000 / Double(max(filled, 1))))
}

let phrases = ["dinosaurs", "firefighters", "scuba diving", "model kits", "board games"]
let semantic = catalog.semantic
// Typical hard limits: a 7-year-old, $30, in stock.
let condition: SQL =
    "p.in_stock = 1 AND p.age_min_months <= 84 AND (p.age_max_months IS NULL OR p.age_max_months >= 84) AND p.price_minor <= 3000"
var turn = 0
measure("embed a phrase") {
    _ = semantic.vector(for: phrases[turn % phrases.count])
    turn += 1
}
let cold = now()
_ = try semantic.nearestProducts(
    to: semantic.vector(for: "dinosaurs")!, text: "dinosaurs", limit: 120, where: condition)
print(String(format: "nearest 120, first call (loads the index if any)  %8.1f ms", now() - cold))
try measure("nearest 120 within limits (5 phrases)") {
    let phrase = phrases[turn % phrases.count]
    _ = try semantic.nearestProducts(to: semantic.vector(for: phrase)!, text: phrase, limit: 120, where: condition)
    turn += 1
}
let pks = try catalog.database.read { db in
    try Int64.fetchAll(db, sql: "SELECT pk FROM product ORDER BY pk LIMIT 500 OFFSET ?", arguments: [products / 3])
}
try measure("score 500 candidates by pk") {
    _ = try semantic.similarities(to: semantic.vector(for: phrases[turn % phrases.count])!, productPKs: pks)
    turn += 1
}
measure("nearest taxonomy interests", warmUp: true) {
    _ = semantic.nearestInterests(to: phrases[turn % phrases.count], in: catalog.taxonomy)
    turn += 1
}
