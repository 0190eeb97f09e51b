#pragma once
// Appends entries of the audit trail (core/audit_entry.hpp) to the `audit`
// table, inside the transaction that writes the changes they explain.

#include "core/audit_entry.hpp"
#include "store/sqlite_connection.hpp"

#include <string>
#include <vector>

namespace veche::store {

class audit_writer {
public:
    explicit audit_writer(sqlite_connection& db);

    void write(const std::string& session, const std::vector<core::audit_entry>& entries);

private:
    sqlite_statement insert_;
};

}  // namespace veche::store
