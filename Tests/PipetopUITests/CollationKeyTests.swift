import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// Sorting text by collation keys, made once per row: sorting 170k deal names by comparing the
/// strings in Foundation's reader order froze the screen for seconds a key.
@Suite struct CollationKeyTests {
    @Test func numbersByValueCaseAndAccentsIgnored() {
        let names = ["rep 10", "Rep 2", "Émile", "emily", "Adam", "Zoë", "zoe", "Rep 007", "Rep 7b"]
        let sorted = names.sorted { CollationKey($0) < CollationKey($1) }
        #expect(sorted == ["Adam", "Émile", "emily", "Rep 2", "Rep 007", "Rep 7b", "rep 10", "Zoë", "zoe"])
        #expect(CollationKey("Zoë") == CollationKey("zoe"))
    }

    /// On the sample company's names and companies, the order is the one Foundation's reader
    /// order gives, but for names it holds equal.
    @Test func theSeedsSortAsFoundationSortsThem() {
        let leads = SeedCompany.snapshot.leads
        for column in [leads.name, leads.company] {
            let texts = Array(Set((0..<leads.count).map { column[$0] }))
            let byKey = texts.sorted { CollationKey($0) < CollationKey($1) }
            for (a, b) in zip(byKey, byKey.dropFirst()) {
                #expect(a.localizedStandardCompare(b) != .orderedDescending || CollationKey(a) == CollationKey(b), "\(a) before \(b)")
            }
        }
    }

    /// Rows are sorted by each key's rank among the distinct keys: the order the keys themselves
    /// give, equal keys (a repeated owner, "Zoë" and "zoe") sharing a rank so that they keep the
    /// pane's own order, nothing before a number and numbers before words.
    @Test func ranksFollowTheKeysOrder() {
        let keys: [SortKey] = [.text("Rep 10"), .number(3), .text("zoe"), .missing, .text("Rep 2"), .text("Zoë"),
                               .number(-1), .text("Rep 10"), .missing, .number(3)]
        let ranks = PaneView.ranks(keys)
        #expect(ranks == [4, 2, 5, 0, 3, 5, 1, 4, 0, 2])
        let ordered = keys.map(OrderKey.init)
        for a in keys.indices {
            for b in keys.indices {
                #expect((ranks[a] < ranks[b]) == (ordered[a].compare(ordered[b]) < 0), "\(keys[a]) and \(keys[b])")
            }
        }
    }
}
