import QuorumEvaluation

/// `/assets/view.css`: the report's stylesheet, so charts and tables look the same in both, and
/// what only the view has (navigation, highlighted differences, the judging desk).
enum ViewStyle {
    static let css = HTMLReport.css + """

        nav.top{background:#24292f;color:#fff;padding:8px 28px;font-size:13px}nav.top a{color:#c9d1d9;margin:0 2px}nav.top b{margin-right:10px}
        a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
        form.inline{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0}
        form.inline input,form.inline select,form.inline button,button{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:#fff}
        button{cursor:pointer}button.primary{background:#1f883d;color:#fff;border-color:#1f883d}
        tr.differs{background:#fff8c5}mark.removed{background:#ffebe9;text-decoration:line-through}mark.added{background:#dafbe1}
        .pill{display:inline-block;font-size:12px;border-radius:10px;padding:0 8px;background:var(--soft);border:1px solid var(--line)}
        .desk{display:grid;grid-template-columns:1fr 1fr;gap:20px}@media (max-width:900px){.desk{grid-template-columns:1fr}}
        .rubric-row{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:6px 0}
        .rubric-row.focused{border-color:#0969da;box-shadow:0 0 0 2px #ddf4ff}
        .rubric-row .anchors{color:var(--muted);font-size:12px;margin:4px 0 0}
        .scores button{min-width:34px;margin-right:4px}.scores button.chosen,.flag button.on,.choices button.chosen{background:#0969da;color:#fff;border-color:#0969da}
        .strip{display:flex;flex-wrap:wrap;gap:3px;margin:6px 0}.strip a{display:inline-block;min-width:22px;text-align:center;font-size:11px;border:1px solid var(--line);border-radius:4px;padding:0 3px;color:var(--fg)}
        .strip a.judged{background:#dafbe1;border-color:#2da44e}.strip a.current{outline:2px solid #0969da}
        #save-status{min-height:1.5em}#save-status.error{color:var(--loss)}#save-status.saved{color:var(--win)}
        .problems{color:var(--loss)}kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 4px;font-size:12px;background:var(--soft)}
        textarea{width:100%;min-height:60px;font:inherit;border:1px solid var(--line);border-radius:6px;padding:6px}
        .answers{display:grid;grid-template-columns:1fr 1fr;gap:16px}
        """
}
