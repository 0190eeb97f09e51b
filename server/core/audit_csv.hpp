#pragma once
// A session's audit trail as audit.csv (docs/protocol.md, "Audit trail"), in
// the format of the other exports (core/csv_cell.hpp), built a page of rows
// at a time.

#include "core/audit_entry.hpp"

#include <string>

namespace veche::core {

// The byte order mark and the header line.
std::string audit_csv_head();

// Appends one entry's line: time (UTC, ISO 8601 with milliseconds), actor id, actor name, role, action,
// target id, text before, text after, choices.
void append_audit_csv_row(std::string& out, const audit_entry& e);

}  // namespace veche::core
