#include "core/csv_cell.hpp"

namespace veche::core {

void append_csv_cell(std::string& out, std::string_view value, bool user_text) {
    const bool formula = user_text && !value.empty() &&
                         (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t');
    const bool quoted = value.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quoted) out.push_back('"');
    if (formula) out.push_back('\'');
    for (char c : value) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    if (quoted) out.push_back('"');
}

}  // namespace veche::core
