import GRDB

/// The SQLite schema, as GRDB migrations. Never edit a shipped migration: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE users (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, agency TEXT,
                    communes TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
                    created_at REAL NOT NULL, revoked_at REAL);
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY NOT NULL,
                    commune TEXT NOT NULL, former_district TEXT NOT NULL, source TEXT NOT NULL,
                    reported_at REAL NOT NULL, report_date TEXT NOT NULL, incident_month TEXT,
                    reporting_delay TEXT NOT NULL, survivor_sex TEXT NOT NULL, survivor_age INTEGER,
                    survivor_age_group TEXT NOT NULL, ethnicity TEXT NOT NULL,
                    disability INTEGER NOT NULL, pregnant INTEGER NOT NULL, child_under_36m INTEGER NOT NULL,
                    older_person INTEGER NOT NULL, perpetrator_sex TEXT NOT NULL,
                    perpetrator_age_group TEXT NOT NULL, relationship TEXT NOT NULL, acts TEXT NOT NULL,
                    gbv_type TEXT NOT NULL, contexts TEXT NOT NULL, injury TEXT NOT NULL,
                    children_present INTEGER NOT NULL, risk TEXT NOT NULL,
                    consent_referral INTEGER NOT NULL, consent_police INTEGER NOT NULL,
                    consent_mediation INTEGER NOT NULL, consent_statistics INTEGER NOT NULL,
                    wish_legal_aid INTEGER NOT NULL, wish_shelter INTEGER NOT NULL, wish_medical INTEGER NOT NULL,
                    status TEXT NOT NULL, outcome TEXT, created_by TEXT NOT NULL,
                    created_at REAL NOT NULL, updated_at REAL NOT NULL,
                    key_version INTEGER NOT NULL, wrapped_key BLOB NOT NULL, blind_index TEXT);
                CREATE INDEX cases_by_commune ON cases (commune, status, report_date);
                CREATE INDEX cases_by_report_date ON cases (report_date);
                CREATE INDEX cases_by_blind_index ON cases (blind_index) WHERE blind_index IS NOT NULL;
                CREATE TABLE case_fields (
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    field TEXT NOT NULL, ciphertext BLOB NOT NULL,
                    PRIMARY KEY (case_id, field)) WITHOUT ROWID;
                CREATE TABLE case_events (
                    id TEXT PRIMARY KEY NOT NULL,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    at REAL NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL, sealed BLOB);
                CREATE INDEX case_events_by_case ON case_events (case_id, at);
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY NOT NULL, at REAL NOT NULL, actor TEXT NOT NULL,
                    action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, detail TEXT NOT NULL,
                    prev_hash BLOB NOT NULL, hash BLOB NOT NULL);
                CREATE INDEX audit_by_target ON audit (target) WHERE target IS NOT NULL;
                CREATE TABLE audit_checkpoints (
                    seq INTEGER PRIMARY KEY NOT NULL, hash BLOB NOT NULL, signature BLOB NOT NULL, at REAL NOT NULL);
                """)
        }
        migrator.registerMigration("v2-referrals") { db in
            try db.execute(sql: """
                CREATE TABLE policies (
                    hash TEXT PRIMARY KEY NOT NULL, files TEXT NOT NULL,
                    activated_at REAL NOT NULL, activated_by TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE agency_keys (
                    agency TEXT PRIMARY KEY NOT NULL, public_key BLOB NOT NULL, created_at REAL NOT NULL) WITHOUT ROWID;
                CREATE TABLE trusted_origins (
                    store_id TEXT PRIMARY KEY NOT NULL, public_key BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE referrals (
                    id TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL, agency TEXT NOT NULL,
                    priority TEXT NOT NULL, status TEXT NOT NULL, mandatory INTEGER NOT NULL,
                    legal_bases TEXT NOT NULL, rules TEXT NOT NULL, policy_hash TEXT NOT NULL, commune TEXT NOT NULL,
                    created_at REAL NOT NULL, sent_at REAL, due_by REAL, acknowledged_at REAL, accepted_at REAL,
                    declined_at REAL, decline_reason TEXT, closed_at REAL, outcome TEXT, actions TEXT NOT NULL,
                    packet BLOB, signature BLOB, origin TEXT);
                CREATE INDEX referrals_by_case ON referrals (case_id);
                CREATE INDEX referrals_by_agency ON referrals (agency, status, due_by);
                """)
        }
        migrator.registerMigration("v3-mediation") { db in
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN escalation TEXT NOT NULL DEFAULT 'none';
                ALTER TABLE cases ADD COLUMN mediation_blocked TEXT;
                CREATE TABLE mediation_teams (
                    id TEXT PRIMARY KEY NOT NULL, commune TEXT NOT NULL, name TEXT NOT NULL, created_at REAL NOT NULL);
                CREATE TABLE mediators (
                    id TEXT PRIMARY KEY NOT NULL, team_id TEXT NOT NULL REFERENCES mediation_teams(id),
                    name TEXT NOT NULL, sex TEXT NOT NULL, ethnicity TEXT NOT NULL, created_at REAL NOT NULL);
                CREATE TABLE mediations (
                    id TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    team_id TEXT NOT NULL REFERENCES mediation_teams(id), commune TEXT NOT NULL,
                    mediators TEXT NOT NULL, conflicted TEXT NOT NULL, status TEXT NOT NULL,
                    opened_at REAL NOT NULL, opened_by TEXT NOT NULL, start_due TEXT NOT NULL,
                    first_session TEXT, agreement_date TEXT, ended_at REAL, end_reason TEXT);
                CREATE INDEX mediations_by_case ON mediations (case_id);
                CREATE TABLE mediation_sessions (
                    id TEXT PRIMARY KEY NOT NULL, mediation_id TEXT NOT NULL REFERENCES mediations(id) ON DELETE CASCADE,
                    date TEXT NOT NULL, outcome TEXT NOT NULL, escalation TEXT NOT NULL, note BLOB, agreement BLOB,
                    recorded_at REAL NOT NULL, recorded_by TEXT NOT NULL);
                CREATE INDEX mediation_sessions_by_mediation ON mediation_sessions (mediation_id, date);
                CREATE TABLE mediation_followups (
                    id TEXT PRIMARY KEY NOT NULL, mediation_id TEXT NOT NULL REFERENCES mediations(id) ON DELETE CASCADE,
                    due_date TEXT NOT NULL, done_date TEXT, recurred INTEGER, escalation TEXT NOT NULL, note BLOB);
                CREATE INDEX mediation_followups_by_mediation ON mediation_followups (mediation_id, due_date);
                CREATE TABLE mediation_refusals (
                    id TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    commune TEXT NOT NULL, former_district TEXT NOT NULL, at REAL NOT NULL, reasons TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v4-statistics") { db in
            try db.execute(sql: """
                CREATE TABLE privacy_budget (
                    actor TEXT NOT NULL, year INTEGER NOT NULL, spent REAL NOT NULL, PRIMARY KEY (actor, year)) WITHOUT ROWID;
                CREATE INDEX cases_for_statistics ON cases (report_date, commune, former_district, source, survivor_sex,
                    survivor_age_group, ethnicity, disability, perpetrator_sex, relationship, gbv_type, reporting_delay, risk,
                    consent_statistics, contexts);
                """)
        }
        migrator.registerMigration("v5-statistics-indexes") { db in
            // Narrow covering indexes whose leading columns are a common table's dimensions:
            // SQLite then streams the groups in index order instead of sorting a million rows.
            // Written out, not built from today's list: a shipped migration never changes.
            try db.execute(sql: """
                CREATE INDEX stats_type_sex_age ON cases (gbv_type, survivor_sex, survivor_age_group, consent_statistics, report_date);
                CREATE INDEX stats_type_sex ON cases (gbv_type, survivor_sex, consent_statistics, report_date);
                CREATE INDEX stats_age_sex ON cases (survivor_age_group, survivor_sex, consent_statistics, report_date);
                CREATE INDEX stats_commune_sex ON cases (commune, survivor_sex, consent_statistics, report_date);
                CREATE INDEX stats_district_sex ON cases (former_district, survivor_sex, consent_statistics, report_date);
                CREATE INDEX stats_source_sex ON cases (source, survivor_sex, consent_statistics, report_date);
                CREATE INDEX stats_sex ON cases (survivor_sex, consent_statistics, report_date);
                """)
        }
        migrator.registerMigration("v6-law-review") { db in
            // Facts the law review (issue #8) added. Cases logged before have them unknown
            // (NULL) or false; their pair index is computed when they are re-routed.
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN cannot_defend INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN separated INTEGER;
                ALTER TABLE cases ADD COLUMN financial_hardship INTEGER;
                ALTER TABLE cases ADD COLUMN wish_prosecution INTEGER;
                ALTER TABLE cases ADD COLUMN pair_index TEXT;
                CREATE INDEX cases_by_pair_index ON cases (pair_index) WHERE pair_index IS NOT NULL;
                """)
        }
        migrator.registerMigration("v7-import-keys") { db in
            // One row per imported line (a keyed hash of the line, or the key it gave): a
            // killed import run again skips what it already made instead of duplicating it.
            try db.execute(sql: """
                CREATE TABLE imports (
                    key TEXT PRIMARY KEY NOT NULL,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    at REAL NOT NULL) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v8-case-integrity") { db in
            // Each case's integrity tag; filled for older cases on first open with the key.
            try db.execute(sql: "ALTER TABLE cases ADD COLUMN seal BLOB")
        }
        migrator.registerMigration("v9-mediator-accounts") { db in
            // A mediator's account names its mediator record, so conflicts of interest apply to it.
            try db.execute(sql: "ALTER TABLE users ADD COLUMN mediator TEXT")
        }
        migrator.registerMigration("v10-record-keys") { db in
            // Cell-key perturbation (issue #10): every case carries a random record key; older
            // cases get theirs now. The statistics indexes gain the key so they still cover.
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0;
                UPDATE cases SET record_key = (random() & 65535);
                DROP INDEX IF EXISTS cases_for_statistics;
                CREATE INDEX cases_for_statistics ON cases (report_date, commune, former_district, source, survivor_sex,
                    survivor_age_group, ethnicity, disability, perpetrator_sex, relationship, gbv_type, reporting_delay, risk,
                    consent_statistics, contexts, record_key);
                """)
            try db.execute(sql: """
                DROP INDEX IF EXISTS stats_type_sex_age;
                CREATE INDEX stats_type_sex_age ON cases (gbv_type, survivor_sex, survivor_age_group, consent_statistics, report_date, record_key);
                DROP INDEX IF EXISTS stats_type_sex;
                CREATE INDEX stats_type_sex ON cases (gbv_type, survivor_sex, consent_statistics, report_date, record_key);
                DROP INDEX IF EXISTS stats_age_sex;
                CREATE INDEX stats_age_sex ON cases (survivor_age_group, survivor_sex, consent_statistics, report_date, record_key);
                DROP INDEX IF EXISTS stats_commune_sex;
                CREATE INDEX stats_commune_sex ON cases (commune, survivor_sex, consent_statistics, report_date, record_key);
                DROP INDEX IF EXISTS stats_district_sex;
                CREATE INDEX stats_district_sex ON cases (former_district, survivor_sex, consent_statistics, report_date, record_key);
                DROP INDEX IF EXISTS stats_source_sex;
                CREATE INDEX stats_source_sex ON cases (source, survivor_sex, consent_statistics, report_date, record_key);
                DROP INDEX IF EXISTS stats_sex;
                CREATE INDEX stats_sex ON cases (survivor_sex, consent_statistics, report_date, record_key);
                """)
        }
        migrator.registerMigration("v11-intake-drafts") { db in
            // Intakes interrupted before saving (issue #14): sealed answers, one owner each.
            try db.execute(sql: """
                CREATE TABLE drafts (
                    id TEXT PRIMARY KEY,
                    owner TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    wrapped_key BLOB NOT NULL,
                    key_version INTEGER NOT NULL,
                    sealed BLOB NOT NULL,
                    answered INTEGER NOT NULL
                );
                CREATE INDEX drafts_by_owner ON drafts (owner, created_at);
                """)
        }
        migrator.registerMigration("v12-case-search") { db in
            // Search tokens for `haven case find` (issue #14): keyed hashes only, computed for
            // older cases on the first open with the key (the meta row says it is pending).
            try db.execute(sql: """
                CREATE TABLE case_search (
                    token TEXT NOT NULL,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    PRIMARY KEY (token, case_id)) WITHOUT ROWID;
                CREATE INDEX case_search_by_case ON case_search (case_id);
                INSERT OR REPLACE INTO meta (key, value) VALUES ('search.pending', 'v1');
                """)
        }
        migrator.registerMigration("v13-mediator-team") { db in
            // A mediator's team was kept in `agency` (issue #11): it gets its own column.
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN team TEXT;
                UPDATE users SET team = agency, agency = NULL WHERE role = 'mediator';
                """)
        }
        migrator.registerMigration("v14-referral-index-signature") { db in
            // The origin's signature over a packet's index terms (issue #11): an offline office
            // imports a bundle without handing its agency key to the service.
            try db.execute(sql: "ALTER TABLE referrals ADD COLUMN index_signature BLOB")
        }
        return migrator
    }
}
