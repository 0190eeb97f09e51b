#pragma once
// The regions an event accepts (contract 7.1), and how a typed or minted
// region is found in it: case, «ё»/«е», dashes and spacing do not matter, and
// a name's short forms count too («Татарстан» for «Республика Татарстан
// (Татарстан)», «Югра» for «Ханты-Мансийский автономный округ — Югра»).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace veche::core {

class region_list {
public:
    region_list() = default;
    // The names as the list spells them, in its order (each already clean text, none twice).
    explicit region_list(std::vector<std::string> names);

    // The list's spelling of a region, or nothing when it is not on the list.
    std::optional<std::string> find(std::string_view text) const;
    const std::vector<std::string>& names() const { return names_; }
    bool empty() const { return names_.empty(); }

    // What two spellings of one name have in common: NFKC, case folded,
    // «ё» as «е», every dash as "-", no spaces around it, single spaces.
    static std::string key_of(std::string_view text);

private:
    // The parts of a name people also write alone: before and after a parenthesis or a dash.
    static std::vector<std::string_view> short_forms_of(std::string_view name);

    std::vector<std::string> names_;
    std::unordered_map<std::string, std::size_t> index_;  // key → position in names_
};

}  // namespace veche::core
