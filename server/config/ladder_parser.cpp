#include "config/ladder_parser.hpp"

#include "config/event_parser.hpp"
#include "config/json_object_reader.hpp"

#include <algorithm>
#include <set>

namespace veche::config {
namespace {

constexpr std::size_t max_rungs = 5;

core::rung_definition parse_rung(const nlohmann::json& v, const std::string& path) {
    json_object_reader r(v, path);
    core::rung_definition rung;
    rung.name = r.required_string("name");
    if (!is_valid_id(rung.name)) r.fail("name", "\"" + rung.name + "\" is not a valid id (1 to 64 of A-Z a-z 0-9 _ -)");
    if (rung.name == audio_rung_name) r.fail("name", "\"audio\" is the audio-only rung's name (set \"audio_only\": true)");
    if (!r.has("height")) r.fail("height", "missing");
    rung.height = static_cast<int>(r.optional_integer("height", 0, 144, 2160));
    // 4:2:0 video has whole chroma rows only for even heights.
    if (rung.height % 2 != 0) r.fail("height", "must be an even number of lines, not " + std::to_string(rung.height));
    if (!r.has("video_kbps")) r.fail("video_kbps", "missing");
    rung.video_kbps = static_cast<int>(r.optional_integer("video_kbps", 0, 64, 20000));
    r.finish();
    return rung;
}

}  // namespace

std::vector<core::rung_definition> parse_ladder(const nlohmann::json& value, const std::string& path) {
    if (!value.is_array()) throw config_error(path, std::string("must be an array, not ") + value.type_name());
    if (value.size() > max_rungs)
        throw config_error(path, "at most " + std::to_string(max_rungs) + " rungs, not " + std::to_string(value.size()));
    std::vector<core::rung_definition> ladder;
    std::set<std::string> names;
    std::set<int> heights;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto at = path + '[' + std::to_string(i) + ']';
        auto rung = parse_rung(value[i], at);
        if (!names.insert(rung.name).second) throw config_error(at + ".name", "duplicate rung name \"" + rung.name + "\"");
        if (!heights.insert(rung.height).second)
            throw config_error(at + ".height", "another rung already has " + std::to_string(rung.height) + " lines");
        ladder.push_back(std::move(rung));
    }
    std::sort(ladder.begin(), ladder.end(), [](const auto& a, const auto& b) { return a.height > b.height; });
    return ladder;
}

}  // namespace veche::config
