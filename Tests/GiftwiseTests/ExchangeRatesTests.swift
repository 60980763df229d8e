import Foundation
import Testing

@testable import Giftwise

struct ExchangeRatesTests {
    static let mixedCSV =
        TestSupport.header + """
            u1,Kite,,20,USD,5,,,fun,,true
            u2,Ball,,10,USD,5,,,sporty,,true
            e1,Puzzle,,25,EUR,5,,,fun,,true
            j1,Yo-yo,,2500,JPY,5,,,fun,,true

            """

    @Test func mainCurrencyIsTheMostCommonOneAndUSDWhenEmpty() throws {
        let catalog = try TestSupport.emptyCatalog()
        #expect(try catalog.mainCurrency() == "USD")
        try TestSupport.importCSV(
            TestSupport.header
                + "e1,Puzzle,,25,EUR,5,,,fun,,true\ne2,Kite,,5,EUR,5,,,fun,,true\nu1,Ball,,3,USD,5,,,fun,,true\n",
            into: catalog)
        #expect(try catalog.mainCurrency() == "EUR")
        #expect(try catalog.currencyCounts() == ["EUR": 2, "USD": 1])
    }

    @Test func mainCurrencyTieGoesToTheFirstCodeAlphabetically() {
        #expect(CatalogDatabase.mainCurrency(of: ["USD": 2, "EUR": 2, "GBP": 1]) == "EUR")
    }

    @Test func currencyCountsFollowReplaceImports() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(Self.mixedCSV, into: catalog)
        try TestSupport.importCSV(
            TestSupport.header + "j2,Top,,500,JPY,5,,,fun,,true\n", into: catalog,
            options: ImportOptions(format: .csv, replace: true))
        #expect(try catalog.currencyCounts() == ["JPY": 1])
        #expect(try catalog.mainCurrency() == "JPY")
    }

    @Test func ratesFileIsStoredAndConvertsThroughItsBase() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(Self.mixedCSV, into: catalog)
        try catalog.importExchangeRates(data: Data("currency,rate_to_USD\nEUR,1.25\nJPY,0.01\n".utf8))
        let rates = try catalog.exchangeRates()
        #expect(rates.base == "USD")
        #expect(rates.rates == ["EUR": 1.25, "JPY": 0.01])
        #expect(rates.convert(Money(20), from: "EUR", to: "USD") == Money(25))
        #expect(rates.convert(Money(2500), from: "JPY", to: "EUR") == Money(20))
        #expect(rates.convert(Money(10), from: "GBP", to: "USD") == nil)
        #expect(rates.convert(Money(10), from: "GBP", to: "GBP") == Money(10))
    }

    @Test func aRatesFileWithoutBaseInTheHeaderQuotesAgainstTheMainCurrency() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(Self.mixedCSV, into: catalog)
        let rates = try catalog.importExchangeRates(data: Data("currency,rate\nEUR,1.1\n".utf8))
        #expect(rates.base == "USD")
    }

    @Test func aNewRatesFileReplacesTheOldOne() throws {
        let catalog = try TestSupport.emptyCatalog()
        try catalog.importExchangeRates(data: Data("currency,rate_to_USD\nEUR,1.25\nJPY,0.01\n".utf8))
        try catalog.importExchangeRates(data: Data("currency;rate_to_EUR\nUSD;0,9\n".utf8))
        #expect(try catalog.exchangeRates() == ExchangeRates(base: "EUR", rates: ["USD": 0.9]))
    }

    @Test func badRatesAreAllReportedWithLinesAndNothingIsStored() throws {
        let catalog = try TestSupport.emptyCatalog()
        try catalog.importExchangeRates(data: Data("currency,rate_to_USD\nEUR,1.25\n".utf8))
        let bad = "currency,rate_to_USD\nEURO,1.2\nGBP,-3\nJPY,abc\nGBP,1.3\nUSD,2\nCHF,1.1\nCHF,1.2\n"
        #expect {
            try catalog.importExchangeRates(data: Data(bad.utf8))
        } throws: { error in
            guard case GiftwiseError.invalidImport(let report) = error else { return false }
            return report.errors.map(\.line) == [2, 3, 4, 6, 8]
        }
        #expect(try catalog.exchangeRates() == ExchangeRates(base: "USD", rates: ["EUR": 1.25]))
    }

    @Test func aRatesFileNeedsItsHeader() throws {
        let catalog = try TestSupport.emptyCatalog()
        #expect(throws: GiftwiseError.self) { try catalog.importExchangeRates(data: Data("EUR,1.25\n".utf8)) }
        #expect(throws: GiftwiseError.self) {
            try catalog.importExchangeRates(data: Data("currency,rate_to_dollars\nEUR,1.2\n".utf8))
        }
    }
}
