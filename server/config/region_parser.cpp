#include "config/region_parser.hpp"

#include "config/config_error.hpp"
#include "core/affiliation_text.hpp"
#include "core/text_hygiene.hpp"

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace veche::config {
namespace {

// Each name clean, at most region_chars long, and unlike every other once case, «ё» and dashes are set aside.
core::region_list checked_list(const std::vector<std::string>& raw, const std::string& key,
                               const std::function<std::string(std::size_t)>& where) {
    std::vector<std::string> names;
    std::set<std::string> keys;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto clean = core::clean_user_text(raw[i], false);
        if (!clean || clean->code_points == 0 || clean->code_points > core::region_chars)
            throw config_error(key, where(i) + ": a region name must be 1 to " + std::to_string(core::region_chars) +
                                        " characters of UTF-8 text");
        if (!keys.insert(core::region_list::key_of(clean->text)).second)
            throw config_error(key, where(i) + ": \"" + clean->text + "\" is listed twice");
        names.push_back(clean->text);
    }
    if (names.empty()) throw config_error(key, "lists no region");
    return core::region_list(std::move(names));
}

}  // namespace

core::region_list regions_from_lines(std::string_view text, const std::string& where) {
    std::vector<std::string> raw;
    std::vector<std::size_t> line_numbers;
    std::size_t line = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto row = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++line;
        if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
        if (line == 1 && row.substr(0, 3) == "\xEF\xBB\xBF") row.remove_prefix(3);  // a byte order mark
        if (row.find_first_not_of(" \t") == std::string_view::npos || row.front() == '#') continue;
        raw.emplace_back(row);
        line_numbers.push_back(line);
    }
    return checked_list(raw, "regions", [&](std::size_t i) { return where + " line " + std::to_string(line_numbers[i]); });
}

core::region_list parse_regions(const nlohmann::json* value, const std::filesystem::path& config_dir) {
    if (!value || value->is_null()) return regions_from_lines(default_regions_text, "the built-in list");
    if (value->is_array()) {
        std::vector<std::string> raw;
        for (const auto& name : *value) {
            if (!name.is_string()) throw config_error("regions", "must be an array of strings");
            raw.push_back(name.get<std::string>());
        }
        return checked_list(raw, "regions", [](std::size_t i) { return "entry " + std::to_string(i); });
    }
    if (!value->is_string() || value->get<std::string>().empty())
        throw config_error("regions", "must be an array of region names or the name of a file that lists them");
    const auto path = config_dir / value->get<std::string>();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw config_error("regions", "cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return regions_from_lines(text.str(), path.string());
}

}  // namespace veche::config
