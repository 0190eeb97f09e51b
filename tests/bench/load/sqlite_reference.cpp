#include "sqlite_reference.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace veche::bench {
namespace {

void exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string text = error ? error : "?";
        sqlite3_free(error);
        throw std::runtime_error(std::string("sqlite: ") + text);
    }
}

}  // namespace

sqlite_reference_result run_sqlite_reference(double seconds) {
    std::string pattern = (std::filesystem::temp_directory_path() / "veche-bench-sqlite-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temp directory");
    const std::filesystem::path dir = pattern;
    sqlite3* db = nullptr;
    if (sqlite3_open((dir / "votes.db").c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite open failed");
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA synchronous=FULL");
    exec(db, "CREATE TABLE votes(question TEXT NOT NULL, participant TEXT NOT NULL, UNIQUE(question, participant))");
    exec(db, "CREATE TABLE requests(session TEXT, participant TEXT, rid TEXT, reply TEXT, UNIQUE(participant, rid))");
    sqlite3_stmt* vote = nullptr;
    sqlite3_stmt* request = nullptr;
    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO votes(question, participant) VALUES(?1, ?2)", -1, &vote, nullptr);
    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO requests(session, participant, rid, reply) VALUES('durable', ?1, ?2, ?3)",
                       -1, &request, nullptr);
    sqlite_reference_result r;
    const auto start = std::chrono::steady_clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
        const auto n = std::to_string(r.votes);
        const auto question = "durable." + std::to_string(r.votes % 100);
        const auto participant = "p-" + std::to_string(r.votes / 100);
        exec(db, "BEGIN IMMEDIATE");
        sqlite3_bind_text(vote, 1, question.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(vote, 2, participant.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(vote);
        sqlite3_reset(vote);
        sqlite3_bind_text(request, 1, participant.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(request, 2, ("d" + n).c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(request, 3, R"({"votes":1})", -1, SQLITE_STATIC);
        sqlite3_step(request);
        sqlite3_reset(request);
        exec(db, "COMMIT");  // the fsync a per-vote ack waits for
        ++r.votes;
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.votes_per_s = static_cast<double>(r.votes) / r.seconds;
    sqlite3_finalize(vote);
    sqlite3_finalize(request);
    sqlite3_close(db);
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return r;
}

}  // namespace veche::bench
