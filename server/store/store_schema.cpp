#include "store/store_schema.hpp"

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "store/request_codec.hpp"

#include <map>
#include <string>
#include <vector>

namespace veche::store {
namespace {

// Version 2 kept one `requests` row per request: they move into one
// request_batches row per session, stamped now (their age is unknown).
bool has_table(sqlite_connection& db, std::string_view name) {
    sqlite_statement query(db.handle(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    return query.bind(1, name).next_row();
}

bool has_column(sqlite_connection& db, std::string_view table, std::string_view column) {
    sqlite_statement query(db.handle(), "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
    return query.bind(1, table).bind(2, column).next_row();
}

void migrate_request_rows(sqlite_connection& db) {
    if (!has_table(db, "requests")) return;
    std::map<std::string, std::vector<stored_request>> by_session;
    {
        sqlite_statement rows(db.handle(), "SELECT session, participant, rid, reply FROM requests");
        while (rows.next_row()) by_session[rows.text(0)].push_back({rows.text(1), rows.text(2), rows.text(3)});
    }
    db.exec("BEGIN IMMEDIATE");
    try {
        sqlite_statement insert(db.handle(), "INSERT INTO request_batches(session, at_ms, requests) VALUES(?1, ?2, ?3)");
        for (const auto& [session, requests] : by_session)
            insert.bind(1, session).bind(2, now_ms()).bind_blob(3, encode_requests(requests)).run();
        db.exec("DROP TABLE requests");
        db.exec("COMMIT");
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
    log::info("store: moved ", by_session.size(), " sessions' request ids into request_batches");
}

// Where each question's author comes from (contract 7.1), added to databases
// made before: their questions have no municipality or region, unverified.
void add_author_affiliation(sqlite_connection& db) {
    if (has_column(db, "questions", "author_org")) return;
    db.exec("ALTER TABLE questions ADD COLUMN author_org TEXT NOT NULL DEFAULT '';"
            "ALTER TABLE questions ADD COLUMN author_region TEXT NOT NULL DEFAULT '';"
            "ALTER TABLE questions ADD COLUMN author_verified INTEGER NOT NULL DEFAULT 0;");
    log::info("store: questions now keep their author's municipality and region");
}

// Formal polls (docs/protocol.md, "Formal votes"): polls stored before are not.
void add_poll_formal(sqlite_connection& db) {
    if (has_column(db, "polls", "formal")) return;
    db.exec("ALTER TABLE polls ADD COLUMN formal INTEGER NOT NULL DEFAULT 0");
}

// A question's merge, its similar-question hint (the score in thousandths)
// and its written reply (contract 7.2, 7.3), added to databases made before:
// NULL for none.
void add_merges_hints_replies(sqlite_connection& db) {
    if (has_column(db, "questions", "merged_into")) return;
    db.exec("ALTER TABLE questions ADD COLUMN merged_into TEXT; ALTER TABLE questions ADD COLUMN similar_id TEXT;"
            "ALTER TABLE questions ADD COLUMN similar_score INTEGER; ALTER TABLE questions ADD COLUMN reply_text TEXT;"
            "ALTER TABLE questions ADD COLUMN reply_by TEXT; ALTER TABLE questions ADD COLUMN reply_at_ms INTEGER;");
    log::info("store: questions now keep merges, similar-question hints and written replies");
}

}  // namespace

void prepare_schema(sqlite_connection& db, durability d) {
    db.exec("PRAGMA journal_mode=WAL");
    // FULL: the WAL is fsynced at every commit, so an ack survives kill -9 and power loss.
    // OFF: a copy's commits cost no fsync (a crash loses it, and the next start makes it again).
    db.exec(d == durability::fsynced ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF");
    // The writer reads back the pages it updates: keep them in SQLite's own
    // cache (64 MiB) instead of copying them from the page cache every commit.
    db.exec("PRAGMA cache_size=-65536");
    db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS sessions (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            qa_open INTEGER NOT NULL,
            moderation TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS questions (
            id TEXT PRIMARY KEY,
            session TEXT NOT NULL,
            text TEXT NOT NULL,
            author_id TEXT NOT NULL,
            author_name TEXT NOT NULL,
            anonymous INTEGER NOT NULL,
            state TEXT NOT NULL,
            highlighted INTEGER NOT NULL,
            edited INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            author_org TEXT NOT NULL DEFAULT '',
            author_region TEXT NOT NULL DEFAULT '',
            author_verified INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS questions_by_session ON questions(session);
        CREATE TABLE IF NOT EXISTS votes (
            question TEXT NOT NULL,
            participant TEXT NOT NULL,
            PRIMARY KEY (question, participant)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS request_batches (
            session TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            requests BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS transcript (
            session TEXT NOT NULL,
            id TEXT NOT NULL,
            text TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            speaker TEXT,
            lang TEXT,
            seq INTEGER NOT NULL,
            PRIMARY KEY (session, id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS polls (
            id TEXT PRIMARY KEY,
            session TEXT NOT NULL,
            question TEXT NOT NULL,
            options TEXT NOT NULL,
            multi INTEGER NOT NULL,
            live_results INTEGER NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            formal INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS ballots (
            poll TEXT NOT NULL,
            participant TEXT NOT NULL,
            choices TEXT NOT NULL,
            PRIMARY KEY (poll, participant)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS session_log (
            session TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            change TEXT NOT NULL,
            PRIMARY KEY (session, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS attendees (
            session TEXT NOT NULL,
            participant TEXT NOT NULL,
            region TEXT NOT NULL,
            PRIMARY KEY (session, participant)
        ) WITHOUT ROWID;
        -- The audit trail: one row per moderation action, session or poll control and formal ballot, keyed
        -- by the seq of the last change it made. Append-only: the triggers refuse to change or delete a row.
        CREATE TABLE IF NOT EXISTS audit (
            session TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            actor_role TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            text_before TEXT NOT NULL,
            text_after TEXT NOT NULL,
            choices TEXT NOT NULL,
            PRIMARY KEY (session, seq)
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS audit_never_updated BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_never_deleted BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TABLE IF NOT EXISTS reaction_totals (
            session TEXT NOT NULL,
            kind TEXT NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (session, kind)
        ) WITHOUT ROWID;
    )sql");
    migrate_request_rows(db);
    // When each session went live and ended (contract 7.5: its replay), added to databases made before.
    if (!has_column(db, "sessions", "live_at_ms")) db.exec("ALTER TABLE sessions ADD COLUMN live_at_ms INTEGER; ALTER TABLE sessions ADD COLUMN ended_at_ms INTEGER;");
    // Version 5 adds session_log (above): sessions stored before it have an empty log. Version 6: a moderator's
    // correction of a session's replay range.
    if (!has_column(db, "sessions", "replay_from_ms"))
        db.exec("ALTER TABLE sessions ADD COLUMN replay_from_ms INTEGER; ALTER TABLE sessions ADD COLUMN replay_to_ms INTEGER;");
    // Version 7 adds attendees (above) and the questions' author affiliation.
    add_author_affiliation(db);
    // Version 8 adds the audit trail (above) and formal polls.
    add_poll_formal(db);
    // Version 9: merges, hints and replies.
    add_merges_hints_replies(db);
    db.exec("PRAGMA user_version = " + std::to_string(schema_version));
}

}  // namespace veche::store
