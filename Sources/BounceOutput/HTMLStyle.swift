/// The HTML report's style sheet, inlined in the page: no request for a font or a file, light
/// and dark schemes, and one column on a phone.
enum HTMLStyle {
    static let css = """
        :root{color-scheme:light dark;--fg:#1d2330;--muted:#5b6475;--bg:#f6f7f9;--card:#fff;\
        --line:#d9dde4;--accent:#b3261e}
        @media (prefers-color-scheme:dark){:root{--fg:#e6e8ec;--muted:#a3abb9;--bg:#15181d;\
        --card:#1e2229;--line:#343a45;--accent:#ff8a80}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);\
        font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        header,main,footer{max-width:1100px;margin:0 auto;padding:16px}
        header h1{margin:0 0 4px;font-size:1.5rem}
        .meta{margin:2px 0;color:var(--muted);overflow-wrap:anywhere}
        section{background:var(--card);border:1px solid var(--line);border-radius:8px;\
        padding:12px 16px;margin:0 0 16px}
        h2{font-size:1.15rem;margin:0 0 8px}
        h3{font-size:1rem;margin:12px 0 6px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:8px}
        .card{border:1px solid var(--line);border-radius:6px;padding:8px 10px}
        .card b{display:block;font-size:1.35rem}
        .card span{color:var(--muted);font-size:.85rem}
        .card.bad b{color:var(--accent)}
        .table{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);\
        vertical-align:top;overflow-wrap:break-word}
        th{font-weight:600;color:var(--muted);white-space:nowrap}
        .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        svg.chart{display:block;width:100%;max-width:900px;height:auto;margin:4px 0 8px}
        svg.chart text{font-size:12px;fill:var(--fg)}
        .bars{display:grid;grid-template-columns:minmax(8em,max-content) minmax(60px,1fr) \
        max-content;gap:3px 10px;align-items:center;max-width:900px;margin:4px 0 12px}
        .bars .row{display:contents}
        .bars .label{overflow-wrap:anywhere;font-size:.9rem}
        .bars svg.bar{width:100%;height:14px;display:block}
        .bars .value{color:var(--muted);font-size:.85rem;font-variant-numeric:tabular-nums}
        svg.chart .axis line{stroke:var(--line);stroke-width:1}
        svg.chart .axis text.y{text-anchor:end;dominant-baseline:middle;fill:var(--muted)}
        svg.chart .axis text.x{text-anchor:middle;fill:var(--muted)}
        svg.chart .axis text.first{text-anchor:start}
        svg.chart .axis text.last{text-anchor:end}
        svg.chart text.value{fill:var(--muted)}
        .legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0;padding:0;list-style:none;\
        font-size:.85rem}
        .legend i{display:inline-block;width:.8em;height:.8em;margin-right:5px;border-radius:2px;\
        vertical-align:-1px}
        .samples{margin:8px 0 0;padding:0;list-style:none}
        .samples li{margin:0 0 6px}
        q,code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem;\
        overflow-wrap:anywhere}
        q{quotes:none;display:block;color:var(--muted);padding-left:10px;border-left:3px solid var(--line)}
        .none{color:var(--muted)}
        @media (max-width:600px){body{font-size:14px}header,main,footer{padding:10px}\
        section{padding:10px;border-radius:6px}svg.chart text{font-size:20px}\
        svg.chart text.minor{display:none}\
        .bars{grid-template-columns:minmax(0,1fr) max-content}\
        .bars .label{grid-column:1/-1;margin-top:4px}}
        """
}
