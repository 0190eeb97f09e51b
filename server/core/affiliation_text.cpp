#include "core/affiliation_text.hpp"

#include "core/text_hygiene.hpp"

namespace veche::core {
namespace {

std::variant<std::string, refusal> cleaned(std::string_view raw, std::string_view field, std::size_t max_chars) {
    const auto clean = clean_user_text(raw, false);
    if (!clean) return refusal{error_code::bad_request, "\"" + std::string(field) + "\" is not valid UTF-8"};
    if (clean->code_points > max_chars)
        return refusal{error_code::too_long,
                       "\"" + std::string(field) + "\" is longer than " + std::to_string(max_chars) + " characters"};
    return clean->text;
}

}  // namespace

std::variant<std::string, refusal> checked_org(std::string_view raw) { return cleaned(raw, "org", org_chars); }

std::variant<std::string, refusal> checked_region(std::string_view raw, const region_list& regions) {
    auto text = cleaned(raw, "region", region_chars);
    auto* region = std::get_if<std::string>(&text);
    if (!region || region->empty() || regions.empty()) return text;
    if (auto known = regions.find(*region)) return *std::move(known);
    return refusal{error_code::bad_request, "\"region\" is not one of the event's regions"};
}

}  // namespace veche::core
