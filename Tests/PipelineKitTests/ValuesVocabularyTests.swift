import Testing
@testable import PipelineKit

@Suite struct ValuesVocabularyTests {
    @Test func normalizesKeys() {
        #expect(normalizedKey("Lead ID") == "leadid")
        #expect(normalizedKey("lead_id") == "leadid")
        #expect(normalizedKey("Working - Contacted") == "workingcontacted")
        #expect(normalizedKey("ÄRGER-Ölung") == "ärgerölung")
        #expect(normalizedKey("") == "")
    }

    @Test func matchesWordsAndAliasesLoosely() {
        let v = LeadStage.vocabulary
        let won = Int(LeadStage.won.rawValue)
        #expect(v.index(of: "won") == won)
        #expect(v.index(of: "Closed Won") == won)
        #expect(v.index(of: "closed_won") == won)
        #expect(v.index(of: "CLOSEDWON") == won)
        #expect(v.index(of: "  closed-won ") == won)
        #expect(v.index(of: "Working - Contacted") == Int(LeadStage.sal.rawValue))
        #expect(v.index(of: "Open - Not Contacted") == Int(LeadStage.lead.rawValue))
        #expect(v.index(of: "Closed - Converted") == Int(LeadStage.opportunity.rawValue))
        #expect(v.index(of: "Closed - Not Converted") == Int(LeadStage.disqualified.rawValue))
        #expect(v.index(of: "MarketingQualifiedLead") == Int(LeadStage.mql.rawValue))
        #expect(v.index(of: "Nurture") == Int(LeadStage.recycled.rawValue))
        #expect(v.index(of: "Closd Won") == nil)
        #expect(v.index(of: "") == nil)
        #expect(v.word(for: "Customer") == "won")
    }

    @Test func suggestsTheNearestSpelling() {
        let v = LeadStage.vocabulary
        #expect(v.suggestion(for: "Closd Won") == "Closed Won")
        #expect(v.suggestion(for: "qualifed") == "Qualified")
        #expect(v.suggestion(for: "Markting Qualified Lead") == "Marketing Qualified Lead")
        #expect(v.suggestion(for: "oportunity") == "opportunity")
        #expect(v.suggestion(for: "dsiqualified") == "disqualified")   // a swap is one edit
        #expect(v.suggestion(for: "zzz") == nil)
        #expect(v.suggestion(for: "x") == nil)
        #expect(v.suggestion(for: "") == nil)
        #expect(v.suggestion(for: "Pending signature from legal") == nil)
        #expect(v.suggestion(for: "won") == nil)   // known values need none
        #expect(Channel.vocabulary.suggestion(for: "webinars") == "Webinar")
        #expect(LeadSource.vocabulary.suggestion(for: "cold cal") == "cold_call")
    }

    @Test func editDistanceCountsSwapsAsOne() {
        func d(_ a: String, _ b: String) -> Int { editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
        #expect(d("won", "won") == 0)
        #expect(d("wno", "won") == 1)
        #expect(d("", "abc") == 3)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("ca", "abc") == 3)   // optimal string alignment, not full Damerau
    }

    @Test func addedAliasesOverrideBuiltInOnesButNotWords() {
        let v = LeadStage.vocabulary.adding(aliases: ["qualified": "sal", "won": "lost", "Signed": "won"])
        #expect(v.index(of: "Qualified") == Int(LeadStage.sal.rawValue))
        #expect(v.index(of: "won") == Int(LeadStage.won.rawValue))
        #expect(v.index(of: "signed") == Int(LeadStage.won.rawValue))
        #expect(v.index(of: "Closed Won") == Int(LeadStage.won.rawValue))
    }

    @Test func dropsAliasesForUnknownWords() {
        let v = Vocabulary(words: ["a", "b"], aliases: ["x": "a", "y": "c"])
        #expect(v.aliases == ["x": "a"])
        #expect(v.index(of: "y") == nil)
        var w = v
        w.words = ["b", "a"]
        #expect(w.index(of: "x") == 1)
    }

    @Test func everyBuiltInAliasNamesAWord() {
        #expect(LeadStage.vocabulary.aliases.count == LeadStage.builtInAliases.count)
        #expect(Channel.vocabulary.aliases.count == Channel.builtInAliases.count)
        #expect(LeadSource.vocabulary.aliases.count == LeadSource.builtInAliases.count)
        #expect(RepRole.vocabulary.aliases.count == RepRole.builtInAliases.count)
        #expect(QuotaMetric.vocabulary.aliases.count == QuotaMetric.builtInAliases.count)
        #expect(QuotaPeriod.vocabulary.aliases.count == QuotaPeriod.builtInAliases.count)
        #expect(DealStages().vocabulary.aliases.count == DefaultDealStages.builtInAliases.count)
    }

    @Test func enumCodesAreVocabularyIndices() {
        for stage in LeadStage.allCases {
            #expect(LeadStage.vocabulary.index(of: stage.name) == Int(stage.rawValue))
            #expect(LeadStage.vocabulary.index(of: stage.label) == Int(stage.rawValue))
            #expect(LeadStage(index: Int(stage.rawValue)) == stage)
        }
        for c in Channel.allCases { #expect(Channel.vocabulary.index(of: c.label) == Int(c.rawValue)) }
        for s in LeadSource.allCases { #expect(LeadSource.vocabulary.index(of: s.label) == Int(s.rawValue)) }
        for r in RepRole.allCases { #expect(RepRole(index: RepRole.vocabulary.index(of: r.label)!) == r) }
        for m in QuotaMetric.allCases { #expect(QuotaMetric(index: QuotaMetric.vocabulary.index(of: m.label)!) == m) }
        for p in QuotaPeriod.allCases { #expect(QuotaPeriod(index: QuotaPeriod.vocabulary.index(of: p.label)!) == p) }
        #expect(LeadStage(index: 9) == nil && LeadStage(index: -1) == nil)
    }

    @Test func funnelAndExits() {
        #expect(LeadStage.funnel.map(\.label) == ["Lead", "MQL", "SAL", "SQL", "Opportunity", "Won"])
        #expect(LeadStage.allCases.filter(\.isExit) == [.lost, .disqualified, .recycled])
    }

    @Test func domainAliases() {
        #expect(Channel.vocabulary.word(for: "Pay-per-click") == "ppc")
        #expect(Channel.vocabulary.word(for: "Trade Show") == "events")
        #expect(Channel.vocabulary.word(for: "e-mail") == "email")
        #expect(LeadSource.vocabulary.word(for: "Web") == "inbound")
        #expect(LeadSource.vocabulary.word(for: "Purchased List") == "cold_call")
        #expect(LeadSource.vocabulary.word(for: "Trade Show") == "networking")
        #expect(LeadSource.vocabulary.word(for: "Partner Referral") == "referral")
        #expect(LeadSource.vocabulary.word(for: "Other") == nil)
        #expect(RepRole.vocabulary.word(for: "Account Executive") == "ae")
        #expect(RepRole.vocabulary.word(for: "BDR") == "sdr")
        #expect(QuotaMetric.vocabulary.word(for: "won amount") == "won_amount")
        #expect(QuotaPeriod.vocabulary.word(for: "Quarterly") == "quarter")
    }

    @Test func dealStagesDefaultsAndCustomLists() {
        let d = DealStages()
        #expect(d.vocabulary.words == ["prospecting", "qualification", "proposal", "negotiation", "won", "lost"])
        #expect(d.isWon(4) && d.isLost(5) && d.isOpen(3) && !d.isOpen(4) && d.isClosed(5))
        #expect(d.probability(0) == 10 && d.probability(3) == 75 && d.probability(4) == 100 && d.probability(5) == 0)
        #expect(d.vocabulary.index(of: "Closed Won") == 4)
        #expect(d.vocabulary.index(of: "Negotiation/Review") == 3)

        let custom = DealStages(open: ["Discovery", "Demo", "won", "Demo", "Negotiation"], probabilities: ["demo": 40],
                                aliases: ["Engaging": "Demo"])
        #expect(custom.open == ["Discovery", "Demo", "Negotiation"])
        #expect(custom.vocabulary.index(of: "engaging") == 1)
        #expect(custom.vocabulary.index(of: "Negotiation/Review") == 2)   // built-in alias, stage still listed
        #expect(custom.vocabulary.index(of: "Proposal/Quote") == nil)     // its stage is gone
        #expect(custom.probability(0) == 25)   // spread evenly: 1/4
        #expect(custom.probability(1) == 40)
        #expect(custom.probability(2) == 75)   // the built-in figure for "negotiation"
        #expect(custom.isWon(3))
    }
}
