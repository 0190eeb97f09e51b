#include "store/sqlite_connection.hpp"

#include <sqlite3.h>

namespace veche::store {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw store_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

sqlite_statement::sqlite_statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
        SQLITE_OK)
        fail(db, "prepare");
}

sqlite_statement::~sqlite_statement() { sqlite3_finalize(stmt_); }

sqlite_statement& sqlite_statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

sqlite_statement& sqlite_statement::bind_blob(int index, std::string_view bytes) {
    if (sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

sqlite_statement& sqlite_statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

void sqlite_statement::run() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail(db_, "step");
}

bool sqlite_statement::next_row() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    sqlite3_reset(stmt_);
    if (rc != SQLITE_DONE) fail(db_, "step");
    return false;
}

std::string sqlite_statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string{};
}

std::int64_t sqlite_statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view sqlite_statement::blob(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string_view{};
}

bool sqlite_statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

sqlite_connection::sqlite_connection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw store_error("cannot open " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
}

sqlite_connection::~sqlite_connection() { sqlite3_close(db_); }

void sqlite_connection::exec(std::string_view sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw store_error(message);
    }
}

}  // namespace veche::store
