import PipelineKit

/// Every command of the dashboard, once.
public enum Commands {
    public static let all: [Command] = navigation + panes + view + leads + app

    /// Triage: what a rep does to the leads in the inbox. Every one of them writes to the data files.
    static let leads: [Command] = {
        let where_: Set<PaneID> = [.inbox, .sla]
        let working: Set<ViewKind> = [.dashboard, .manager, .rep]
        return [
            Command("lead.mark", hint: "mark", description: "Mark or unmark the lead and move on, for one action on several; Esc clears", keys: [.char(" ")],
                    group: .leads, hintPriority: -9, panes: where_, views: working, edits: true) { s in
                guard let v = s.views[s.focus], let id = v.id(at: s[s.focus].selection) else { return [] }
                if s.marks.remove(id) == nil { s.marks.insert(id) }
                s.moveSelection(by: 1)
                return []
            },
            Command("lead.accept", hint: "accept", description: "Accept: the lead goes to SAL, and to me when it has no owner", keys: [.char("a")],
                    group: .leads, hintPriority: -8, panes: where_, edits: true) { s in s.beginTriage(.now(.accept)) },
            Command("lead.assign", hint: "assign", description: "Assign to a rep (type to find one)", keys: [.char("A")],
                    group: .leads, hintPriority: -7, panes: where_, edits: true) { s in s.beginTriage(.pickRep) },
            Command("lead.touch", hint: "touch", description: "Log a touch: sets the first touch when empty, and the last touch", keys: [.char("t")],
                    group: .leads, hintPriority: -6, panes: where_, edits: true) { s in s.beginTriage(.now(.logTouch)) },
            Command("lead.qualify", hint: "qualify", description: "Qualify: the lead goes to SQL (accepted and touched too, and mine when it has no owner)", keys: [.char("Q")],
                    group: .leads, hintPriority: -5, panes: where_, edits: true) { s in s.beginTriage(.now(.qualify)) },
            Command("lead.disqualify", hint: "disqualify", description: "Disqualify, with a reason from the settings or typed", keys: [.char("d")],
                    group: .leads, hintPriority: -4, panes: where_, edits: true) { s in s.beginTriage(.pickReason) },
            Command("lead.recycle", hint: "recycle", description: "Recycle: back to marketing for nurturing", keys: [.char("R")],
                    group: .leads, panes: where_, edits: true) { s in s.beginTriage(.now(.recycle)) },
            Command("lead.convert", hint: "convert", description: "Convert to a deal, asking for the amount and the expected close date", keys: [.char("C")],
                    group: .leads, hintPriority: -3, panes: where_, edits: true) { s in s.beginTriage(.askDeal) },
            Command("undo", hint: "undo", description: "Undo my last action in this session", keys: [.char("u")], group: .leads,
                    edits: true) { s in
                guard let last = s.undoStack.popLast() else { s.say("Nothing to undo"); return [] }
                return [.undo(last)]
            },
            Command("redo", hint: "redo", description: "Redo what I undid", keys: [.char("U")], group: .leads, edits: true) { s in
                guard let last = s.redoStack.popLast() else { s.say("Nothing to redo"); return [] }
                return [.redo(last)]
            },
        ]
    }()

    static let navigation: [Command] = [
        Command("cursor.down", hint: "down", description: "Select the next row", keys: [.down, .char("j")], group: .move) { s in
            s.moveSelection(by: 1); return []
        },
        Command("cursor.up", hint: "up", description: "Select the previous row", keys: [.up, .char("k")], group: .move) { s in
            s.moveSelection(by: -1); return []
        },
        Command("page.down", hint: "page down", description: "Move the selection one page down", keys: [.pageDown, .ctrl("d")], group: .move) { s in
            s.moveSelection(by: s.pageSize); return []
        },
        Command("page.up", hint: "page up", description: "Move the selection one page up", keys: [.pageUp, .ctrl("u")], group: .move) { s in
            s.moveSelection(by: -s.pageSize); return []
        },
        Command("cursor.top", hint: "top", description: "Select the first row", keys: [.char("g"), .home], group: .move) { s in
            s.moveSelection(by: Int.min / 2); return []
        },
        Command("cursor.bottom", hint: "bottom", description: "Select the last row", keys: [.char("G"), .end], group: .move) { s in
            s.moveSelection(by: Int.max / 2); return []
        },
        Command("row.open", hint: "details", description: "Open the selected row's details (in the manager view, on a quota: drill down to that team or rep)",
                keys: [.enter], group: .move, hintPriority: 5) { s in
            if s.options.view == .manager && s.focus == .quotas {
                s.drillDown()
            } else if s.views[s.focus]?.count ?? 0 > 0 {
                s.mode = .detail(s.focus)
            }
            return []
        },
    ]

    static let panes: [Command] = [
        Command("pane.next", hint: "next pane", description: "Focus the next pane", keys: [.tab, .char("l"), .right],
                group: .panes, hintPriority: 1) { s in
            s.stepFocus(by: 1); s.holdRotation(); return []
        },
        Command("pane.previous", hint: "previous pane", description: "Focus the previous pane", keys: [.backTab, .char("h"), .left],
                group: .panes) { s in
            s.stepFocus(by: -1); s.holdRotation(); return []
        },
    ] + (1...6).map { n in
        // Only in views that have that many panes, so help never offers a key that does nothing.
        Command("pane.\(n)", hint: "pane \(n)", description: "Focus pane \(n) of the view", keys: [.char(Character(String(n)))], group: .panes,
                views: Set(ViewKind.allCases.filter { $0.panes.count >= n })) { s in
            let order = s.paneOrder
            if n <= order.count { s.focus = order[n - 1]; s.holdRotation() }
            return []
        }
    } + [
        Command("rotate.pause", hint: "pause", description: "Pause or resume the standup rotation (choosing a pane by hand pauses it there)", keys: [.char(" ")], group: .panes,
                hintPriority: 0, views: [.standup]) { s in
            guard s.options.rotateSeconds > 0 else { s.say("This standup does not rotate (rotation 0): Tab moves to the next pane"); return [] }
            s.rotationPaused.toggle()
            s.lastRotation = s.now
            s.say(s.rotationPaused ? "Rotation paused (Space resumes)" : "Rotation resumed")
            return []
        },
        Command("scope.back", hint: "back", description: "Go back up from a drill-down", keys: [.backspace], group: .panes, views: [.manager]) { s in
            guard let previous = s.scopeTrail.popLast() else { return [] }
            s.scope = previous
            s.recomputeAll()
            s.listsFromTheTop()
            s.say("Scope: \(s.scope.label)" + s.filtersNote)
            return []
        },
    ]

    static let funnelKeepsItsOrder = "The funnel's stages keep their order, lead to won: it is not sorted"

    static let view: [Command] = [
        Command("filter", hint: "filter", description: "Filter the focused pane's rows by text (Esc clears)", keys: [.char("/")], group: .view, hintPriority: 2) { s in
            s.mode = .filtering; return []
        },
        Command("sort.column", hint: "sort", description: "Sort by the next column (not the funnel's stages, whose order is the funnel)", keys: [.char("s")],
                group: .view, hintPriority: 6, except: [.funnel], exceptWhy: funnelKeepsItsOrder) { s in
            s.cycleSort(); return []
        },
        Command("sort.reverse", hint: "reverse sort", description: "Reverse the sort order", keys: [.char("S")], group: .view,
                except: [.funnel], exceptWhy: funnelKeepsItsOrder) { s in
            s[s.focus].sortDescending.toggle(); s.rebuildOrder(s.focus); return []
        },
        Command("period.next", hint: "period", description: "Switch the period: this month, this quarter", keys: [.char("p")], group: .view, hintPriority: 3) { s in
            s.period = s.period.next; s.recomputeAll(); s.say("Period: \(s.currentPeriod?.label ?? "")"); return []
        },
        // The rep view is one rep's own numbers: its scope is that rep's and stays so.
        Command("scope.next", hint: "scope", description: "Switch the scope: everyone, each team, each rep, each channel", keys: [.char("o")], group: .view, hintPriority: 4,
                views: Set(ViewKind.allCases).subtracting([.rep])) { s in
            s.cycleScope(by: 1); return []
        },
        Command("scope.previous", hint: "scope back", description: "Switch the scope backwards", keys: [.char("O")], group: .view,
                views: Set(ViewKind.allCases).subtracting([.rep])) { s in
            s.cycleScope(by: -1); return []
        },
        Command("funnel.split", hint: "sources", description: "Funnel: all leads, marketing-sourced, sales-sourced", keys: [.char("m")], group: .view, panes: [.funnel]) { s in
            switch s.split {
            case .all: s.split = .marketing
            case .marketing: s.split = .sales
            case .sales: s.split = .all
            }
            s.recomputeAll()
            return []
        },
    ]

    static let app: [Command] = [
        Command("help", hint: "help", description: "Show every key and command", keys: [.char("?"), .function(1)], group: .app, hintPriority: 8) { s in
            s.mode = .help(scroll: 0); return []
        },
        Command("palette", hint: "commands", description: "Open the command palette", keys: [.char(":")], group: .app, hintPriority: 7) { s in
            s.mode = .palette(text: "", choice: 0); return []
        },
        Command("problems", hint: "problems", description: "List the problems in the data files as file:line:column (up to 2,000; check lists all)", keys: [.char("!")], group: .data) { s in
            s.problemEntries = s.snapshot.map { ProblemsOverlay.entries($0, more: s.themeProblems) } ?? []
            s.problemLineEntry = []
            s.mode = .problems(scroll: 0)
            s.wrapProblems(keepingLine: 0)
            return []
        },
        Command("reload", hint: "reload", description: "Read every data file again", keys: [.char("r"), .ctrl("r")], group: .data) { s in
            s.say("Reloading…"); return [.reload(nil)]
        },
        Command("quit", hint: "quit", description: "Leave pipetop", keys: [.char("q")], group: .app, hintPriority: 9) { s in
            s.running = false; return [.quit]
        },
    ]

    /// The command a key runs in the focused pane, if any.
    public static func command(for key: Key, in pane: PaneID, view: ViewKind = .dashboard) -> Command? {
        all.first { $0.keys.contains(key) && $0.applies(to: pane) && $0.available(in: view) }
    }

    public static func named(_ name: String) -> Command? { all.first { $0.name == name } }
}
