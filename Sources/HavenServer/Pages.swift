import Foundation
import HavenAPI
import HavenCore
import HavenService
import Mustache

/// The browser pages' templates (swift-mustache; `{{x}}` is HTML-escaped, the only triple
/// braces carry HTML this file renders itself). No JavaScript, no outside resource: the one
/// stylesheet is served here, so the Content-Security-Policy can forbid everything else.
enum Pages {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        try! library.register(layout, named: "layout")
        try! library.register(login, named: "login")
        try! library.register(dashboard, named: "dashboard")
        try! library.register(inbox, named: "inbox")
        try! library.register(message, named: "message")
        return library
    }()

    static func render(_ name: String, _ context: [String: Any], title: String, language: Language, csrf: String?) -> String {
        let content = library.render(context, withTemplate: name) ?? ""
        var layout: [String: Any] = ["lang": language.rawValue, "title": title, "content": content, "haven": "Haven"]
        if let csrf {
            layout["signedIn"] = true
            layout["csrf"] = csrf
            layout["logout"] = Catalogue.text(.pageSignOut, language)
        }
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    static let layout = """
        <!doctype html>
        <html lang="{{lang}}">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{{title}}</title><link rel="stylesheet" href="/static/haven.css"></head>
        <body>
        <header><span class="brand">{{haven}}</span>{{#signedIn}}<form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{logout}}</button></form>{{/signedIn}}</header>
        <main>
        {{{content}}}
        </main>
        </body>
        </html>

        """

    static let login = """
        <h1>{{heading}}</h1>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/login" class="login">
        <input type="hidden" name="next" value="{{next}}">
        <label for="token">{{tokenLabel}}</label>
        <input id="token" name="token" type="password" autocomplete="off" required>
        <button type="submit">{{signIn}}</button>
        </form>
        <p class="note">{{note}}</p>
        """

    static let dashboard = """
        <h1>{{heading}}</h1>
        <p class="note">{{anonymised}}</p>
        <section>
        <h2>{{casesHeading}}</h2>
        <figure class="chart" aria-label="{{casesHeading}}">
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {{chartHeight}}" width="100%" role="img">
        {{#bars}}<text x="0" y="{{textY}}" class="label">{{label}}</text><rect x="240" y="{{y}}" width="{{width}}" height="18" class="bar"></rect><text x="{{valueX}}" y="{{textY}}" class="value">{{value}}</text>
        {{/bars}}</svg>
        </figure>
        <table class="stats"><thead><tr><th>{{typeHeading}}</th>{{#sexes}}<th>{{.}}</th>{{/sexes}}</tr></thead>
        <tbody>{{#rows}}<tr><th>{{label}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody></table>
        <p class="note">{{method}}</p>
        </section>
        <section>
        <h2>{{overdueHeading}}</h2>
        {{#overdueEmpty}}<p>{{overdueEmpty}}</p>{{/overdueEmpty}}
        {{#hasOverdue}}<table class="stats"><thead><tr><th>{{agencyHeading}}</th><th>{{priorityHeading}}</th><th>{{overdueColumn}}</th><th>{{pendingColumn}}</th></tr></thead>
        <tbody>{{#overdue}}<tr><th>{{agency}}</th><td>{{priority}}</td><td>{{overdue}}</td><td>{{pending}}</td></tr>{{/overdue}}</tbody></table>{{/hasOverdue}}
        </section>
        <section>
        <h2>{{mediationHeading}}</h2>
        <table class="stats"><tbody>{{#mediation}}<tr><th>{{label}}</th><td>{{value}}</td></tr>{{/mediation}}</tbody></table>
        </section>
        <section>
        <h2>{{reportHeading}}</h2>
        <p><a href="/dashboard/report/{{year}}" download>{{reportLink}}</a></p>
        </section>
        """

    static let inbox = """
        <h1>{{heading}}</h1>
        <p class="note">{{sealedNote}}</p>
        {{#empty}}<p>{{empty}}</p>{{/empty}}
        {{#hasReferrals}}<table class="stats inbox"><thead><tr><th>{{idHeading}}</th><th>{{priorityHeading}}</th><th>{{statusHeading}}</th><th>{{dueHeading}}</th><th>{{communeHeading}}</th><th></th></tr></thead>
        <tbody>{{#referrals}}<tr{{#overdue}} class="overdue"{{/overdue}}><td>{{id}}</td><td>{{priority}}</td><td>{{status}}{{#overdue}} <strong>{{overdueMark}}</strong>{{/overdue}}</td><td>{{due}}</td><td>{{commune}}</td>
        <td class="actions">{{#actions}}<form method="post" action="/inbox/{{referral}}/{{action}}"><input type="hidden" name="csrf" value="{{csrf}}">{{#hasReasons}}<select name="reason" aria-label="{{reasonLabel}}">{{#reasons}}<option value="{{value}}">{{label}}</option>{{/reasons}}</select>{{/hasReasons}}<button type="submit">{{label}}</button></form>{{/actions}}</td></tr>
        {{/referrals}}</tbody></table>{{/hasReferrals}}
        """

    static let message = """
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        {{#link}}<p><a href="{{link}}">{{linkText}}</a></p>{{/link}}
        """

    /// Readable on a phone, printable, no outside fonts or scripts.
    static let stylesheet = """
        :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --accent: #7a1f5c; --warn: #a40000; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
        header { display: flex; justify-content: space-between; align-items: center; padding: .6rem 1rem; border-bottom: 2px solid var(--accent); }
        .brand { font-weight: 700; color: var(--accent); }
        main { padding: 1rem; max-width: 60rem; margin: 0 auto; }
        h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; }
        table.stats { border-collapse: collapse; width: 100%; margin: .5rem 0; }
        table.stats th, table.stats td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; }
        table.stats td { font-variant-numeric: tabular-nums; }
        tr.overdue td { background: #fff1f1; }
        .note { color: var(--muted); font-size: .9rem; }
        .error { color: var(--warn); font-weight: 600; }
        .chart svg { max-width: 40rem; }
        .chart .bar { fill: var(--accent); } .chart text { font-size: 13px; fill: var(--ink); }
        form.login { display: grid; gap: .5rem; max-width: 24rem; }
        input, select, button { font: inherit; padding: .4rem .6rem; }
        button { background: var(--accent); color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
        td.actions form { display: inline-block; margin: .1rem; }
        @media (max-width: 40rem) { table.inbox thead { display: none; } table.inbox tr { display: block; border-bottom: 2px solid var(--line); }
          table.inbox td { display: block; border: 0; } main { padding: .5rem; } }
        @media print { header form, td.actions, .logout { display: none; } body { font-size: 11pt; } a { color: var(--ink); } }
        """
}
