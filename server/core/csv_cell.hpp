#pragma once
// The cells of the exports (questions.csv, audit.csv): RFC 4180 CSV in UTF-8
// with a byte order mark (so Excel reads Cyrillic right) and CRLF line ends.

#include <string>
#include <string_view>

namespace veche::core {

// The byte order mark every export starts with.
inline constexpr std::string_view csv_bom = "\xEF\xBB\xBF";

// Appends one cell, quoted when it holds a comma, a quote or a line end. Text
// that people typed (user_text) and that a spreadsheet would run as a formula
// (starting with = + - @ or a tab) gets a leading apostrophe, the usual
// defence against CSV injection.
void append_csv_cell(std::string& out, std::string_view value, bool user_text);

}  // namespace veche::core
