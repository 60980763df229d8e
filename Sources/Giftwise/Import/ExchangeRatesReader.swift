import Foundation

/// Reads a shop's exchange-rate file: CSV with a header `currency,rate_to_XXX`, where `XXX` is
/// the currency every rate is quoted in, and one row per currency:
///
/// ```
/// currency,rate_to_USD
/// EUR,1.08
/// GBP,1.27
/// JPY,0.0067
/// ```
/// One euro is worth 1.08 dollars. The header `currency,rate` quotes against `defaultBase`
/// (the catalog's main currency). Every problem is collected, each with its line.
struct ExchangeRatesReader {
    let defaultBase: String

    /// Reads a whole rates file (they are small).
    /// - Throws: ``GiftwiseError/invalidImport(_:)`` listing every problem with its line.
    func read(data: Data) throws -> ExchangeRates {
        var report = ImportReport()
        func fail(_ line: Int, _ field: String?, _ message: String) {
            report.record(ImportIssue(line: line, field: field, message: message))
        }
        let rows: CSVRowSource
        do {
            let delimiter = CatalogImporter.detectDelimiter(head: data.prefix(8192), fallback: nil)
            rows = try CSVRowSource(source: ByteSource(data: data), delimiter: delimiter)
        } catch let problem as FileProblem {
            report.record(ImportIssue(line: problem.line, field: problem.field, message: problem.message))
            throw GiftwiseError.invalidImport(report)
        }
        let header = rows.columns.map { $0.lowercased() }
        guard header.count >= 2, header[0] == "currency", header[1] == "rate" || header[1].hasPrefix("rate_to_") else {
            report.record(
                ImportIssue(
                    line: 1, field: nil,
                    message:
                        "a rates file starts with the header currency,rate_to_XXX (XXX: the currency the rates are in, e.g. currency,rate_to_USD)"
                ))
            throw GiftwiseError.invalidImport(report)
        }
        var base = defaultBase
        if header[1].hasPrefix("rate_to_") {
            let code = String(rows.columns[1].dropFirst("rate_to_".count)).uppercased()
            guard ExchangeRates.isCurrencyCode(code) else {
                report.record(
                    ImportIssue(
                        line: 1, field: rows.columns[1],
                        message: "\"\(code.prefix(20))\" is not a three-letter currency code such as USD"))
                throw GiftwiseError.invalidImport(report)
            }
            base = code
        }
        var rates: [String: Double] = [:]
        var firstLine: [String: Int] = [:]
        do {
            while let row = try rows.next() {
                guard case .positional(let fields) = row.values else {
                    if case .unreadable(let message) = row.values { fail(row.line, nil, message) }
                    continue
                }
                let code = ValueParsers.trim(fields.first ?? "").uppercased()
                let rateText = fields.count > 1 ? ValueParsers.trim(fields[1]) : ""
                if code.isEmpty && rateText.isEmpty { continue }
                guard ExchangeRates.isCurrencyCode(code) else {
                    fail(
                        row.line, "currency",
                        "must be a three-letter ISO 4217 code such as EUR (got \"\(code.prefix(20))\")")
                    continue
                }
                guard let rate = Double(rateText.replacingOccurrences(of: ",", with: ".")), rate.isFinite, rate > 0
                else {
                    fail(
                        row.line, rows.columns[1],
                        "must be a positive number such as 1.08 (got \"\(rateText.prefix(20))\")")
                    continue
                }
                if let earlier = firstLine[code] {
                    fail(row.line, "currency", "\(code) is listed twice (first on line \(earlier))")
                    continue
                }
                if code == base && abs(rate - 1) > 1e-9 {
                    fail(
                        row.line, rows.columns[1],
                        "\(code) is the currency the rates are in, so its rate is 1 (got \(rateText))")
                    continue
                }
                firstLine[code] = row.line
                if code != base { rates[code] = rate }
            }
        } catch let problem as FileProblem {
            report.record(ImportIssue(line: problem.line, field: problem.field, message: problem.message))
        }
        if report.errorCount > 0 { throw GiftwiseError.invalidImport(report) }
        return ExchangeRates(base: base, rates: rates)
    }

}
