#include "store/store_schema.hpp"

namespace veche::store {

void prepare_schema(sqlite_connection& db) {
    db.exec("PRAGMA journal_mode=WAL");
    // FULL: the WAL is fsynced at every commit, so an ack survives kill -9 and power loss.
    db.exec("PRAGMA synchronous=FULL");
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
            created_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS questions_by_session ON questions(session);
        CREATE TABLE IF NOT EXISTS votes (
            question TEXT NOT NULL,
            participant TEXT NOT NULL,
            PRIMARY KEY (question, participant)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS requests (
            session TEXT NOT NULL,
            participant TEXT NOT NULL,
            rid TEXT NOT NULL,
            reply TEXT NOT NULL,
            PRIMARY KEY (session, participant, rid)
        ) WITHOUT ROWID;
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
            created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS ballots (
            poll TEXT NOT NULL,
            participant TEXT NOT NULL,
            choices TEXT NOT NULL,
            PRIMARY KEY (poll, participant)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS reaction_totals (
            session TEXT NOT NULL,
            kind TEXT NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (session, kind)
        ) WITHOUT ROWID;
        PRAGMA user_version = 2;
    )sql");
}

}  // namespace veche::store
