#pragma once
// A thin RAII layer over one SQLite connection and its prepared statements.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace veche::store {

class store_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class sqlite_statement {
public:
    sqlite_statement(sqlite3* db, std::string_view sql);
    ~sqlite_statement();
    sqlite_statement(const sqlite_statement&) = delete;
    sqlite_statement& operator=(const sqlite_statement&) = delete;

    sqlite_statement& bind(int index, std::string_view text);
    sqlite_statement& bind(int index, std::int64_t value);
    sqlite_statement& bind_blob(int index, std::string_view bytes);
    // Runs a statement that returns no rows, then resets it for the next use.
    void run();
    // Steps to the next row; false at the end (then the statement is reset).
    bool next_row();
    std::string text(int column) const;
    std::int64_t integer(int column) const;
    // Valid until the statement steps again.
    std::string_view blob(int column) const;
    bool is_null(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class sqlite_connection {
public:
    explicit sqlite_connection(const std::string& path);
    ~sqlite_connection();
    sqlite_connection(const sqlite_connection&) = delete;
    sqlite_connection& operator=(const sqlite_connection&) = delete;

    void exec(std::string_view sql);
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace veche::store
