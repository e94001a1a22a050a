import PipelineKit

extension Snapshot {
    /// The one sales team `rep` leads, for the manager view to open on: the team of the reps who
    /// report to them (or, for someone whose role is manager and who has no reports in the file,
    /// their own team). Nil when they lead no team, several, or one with no quota and no deal
    /// (a marketing team: the manager view would be empty there).
    public func managedTeam(of rep: Rep) -> String? {
        var teams = Set(reps.filter { $0.manager == rep.name && $0.name != rep.name }.map(\.team))
        if teams.isEmpty, rep.role?.lowercased() == "manager" { teams = [rep.team] }
        guard teams.count == 1, let team = teams.first, !team.isEmpty else { return nil }
        let members = Set(reps.filter { $0.team == team }.map(\.name))
        let hasQuota = quotas.contains { $0.isTeam ? $0.owner == team : members.contains($0.owner) }
        return hasQuota || !dealRows(in: .team(team)).isEmpty ? team : nil
    }
}

extension AppState {
    /// The manager view for someone who leads a team opens on that team; Backspace goes up to
    /// everyone, as from a drill-down. `user` is matched as `--user` is (login, name, e-mail).
    public mutating func openOnManagedTeam(of user: String?) {
        guard options.view == .manager, let user, let s = snapshot, let rep = s.rep(matchingUser: user),
              let team = s.managedTeam(of: rep), scope == .everyone else { return }
        scopeTrail = [scope]
        scope = .team(team)
        recomputeAll()
        say("Team \(team), which \(rep.name) manages (Backspace: everyone)")
    }
}

extension Snapshot {
    /// True when `rep` has numbers of their own: a quota, a lead or a deal. The rep view of
    /// someone with none (a manager, a marketer) would be empty and still offer triage keys.
    public func hasOwnNumbers(_ rep: Rep) -> Bool {
        func owns(_ column: CategoryColumn) -> Bool {
            guard let code = column.values.firstIndex(of: rep.name) else { return false }
            return column.codes.contains(Int32(code))
        }
        return quotas.contains { !$0.isTeam && $0.owner == rep.name } || owns(leads.ownerName) || owns(deals.ownerName)
    }
}
