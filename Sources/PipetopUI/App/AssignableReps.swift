import PipelineKit

/// The people a lead can be assigned to, in the order the assign picker lists them: those who work
/// leads (SDRs, AEs, anyone whose role is not given) first, then managers, then marketing, each
/// group in the order of reps.csv. Each comes with its role and team, so two people are told apart
/// and a marketer is not picked by mistake.
struct AssignableReps {
    var names: [String] = []
    var details: [String] = []
    /// Each one's role under its other names (Account Executive, BDR, …), for typing.
    var keywords: [String] = []

    init(_ reps: [Rep]) {
        // The model keeps a role as its canonical word (ae, sdr, manager, marketing).
        func role(_ rep: Rep) -> RepRole? { RepRole.allCases.first { $0.name == rep.role } }
        func rank(_ rep: Rep) -> Int {
            switch role(rep) {
            case .manager: 1
            case .marketing: 2
            default: 0
            }
        }
        let ordered = reps.enumerated().sorted { a, b in
            (rank(a.element), a.offset) < (rank(b.element), b.offset)
        }.map(\.element)
        for rep in ordered {
            names.append(rep.name)
            details.append([role(rep)?.label ?? rep.role, rep.team.isEmpty ? nil : rep.team].compactMap { $0 }.joined(separator: " · "))
            let word = role(rep)?.name
            keywords.append(RepRole.builtInAliases.filter { $0.value == word }.keys.sorted().joined(separator: " | "))
        }
    }
}
