#include "config/config_error.hpp"
#include "config/event_parser.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace veche::config;

namespace {

nlohmann::json event_with(const nlohmann::json& hall_extra) {
    nlohmann::json hall = {{"id", "main"}, {"name", "Главная сцена"}, {"source", "srt://:9000"}};
    hall.update(hall_extra);
    return {{"id", "forum"}, {"title", "Форум"}, {"halls", {hall}}, {"sessions", nlohmann::json::array()}};
}

std::string fault_of(const nlohmann::json& hall_extra) {
    try {
        parse_event(event_with(hall_extra));
    } catch (const config_error& e) {
        return e.what();
    }
    return "accepted";
}

nlohmann::json rung(const std::string& name, int height, int kbps) {
    return {{"name", name}, {"height", height}, {"video_kbps", kbps}};
}

}  // namespace

TEST_CASE("a hall's ladder is read tallest first, with its audio-only rung") {
    const auto ev = parse_event(event_with(
        {{"ladder", {rung("360p", 360, 600), rung("720p", 720, 2500), rung("mobile", 144, 64)}}, {"audio_only", true}}));
    const auto& hall = ev.halls.at(0);
    REQUIRE(hall.ladder.size() == 3);
    CHECK(hall.ladder[0].name == "720p");
    CHECK(hall.ladder[0].video_kbps == 2500);
    CHECK(hall.ladder[1].height == 360);
    CHECK(hall.ladder[2].name == "mobile");
    CHECK(hall.audio_only);

    const auto plain = parse_event(event_with(nlohmann::json::object())).halls.at(0);
    CHECK(plain.ladder.empty());
    CHECK_FALSE(plain.audio_only);
}

TEST_CASE("a bad ladder is refused with the key and the fault") {
    CHECK(fault_of({{"ladder", {rung("360p", 360, 600), rung("360p", 240, 300)}}}) ==
          "event.halls[0].ladder[1].name: duplicate rung name \"360p\"");
    CHECK(fault_of({{"ladder", {rung("hd", 720, 600), rung("sd", 720, 300)}}}) ==
          "event.halls[0].ladder[1].height: another rung already has 720 lines");
    CHECK(fault_of({{"ladder", {rung("360 p", 360, 600)}}}) ==
          "event.halls[0].ladder[0].name: \"360 p\" is not a valid id (1 to 64 of A-Z a-z 0-9 _ -)");
    CHECK(fault_of({{"ladder", {rung("../x", 360, 600)}}}) ==
          "event.halls[0].ladder[0].name: \"../x\" is not a valid id (1 to 64 of A-Z a-z 0-9 _ -)");
    CHECK_THAT(fault_of({{"ladder", {rung("audio", 360, 600)}}}),
               Catch::StartsWith("event.halls[0].ladder[0].name: \"audio\" is the audio-only rung's name"));
    CHECK(fault_of({{"ladder", {rung("tiny", 120, 600)}}}) ==
          "event.halls[0].ladder[0].height: must be between 144 and 2160, not 120");
    CHECK(fault_of({{"ladder", {rung("huge", 4320, 600)}}}) ==
          "event.halls[0].ladder[0].height: must be between 144 and 2160, not 4320");
    CHECK(fault_of({{"ladder", {rung("odd", 361, 600)}}}) ==
          "event.halls[0].ladder[0].height: must be an even number of lines, not 361");
    CHECK(fault_of({{"ladder", {rung("slow", 360, 63)}}}) ==
          "event.halls[0].ladder[0].video_kbps: must be between 64 and 20000, not 63");
    CHECK(fault_of({{"ladder", {rung("fast", 360, 20001)}}}) ==
          "event.halls[0].ladder[0].video_kbps: must be between 64 and 20000, not 20001");
    CHECK(fault_of({{"ladder", {{{"name", "360p"}, {"height", 360}}}}}) ==
          "event.halls[0].ladder[0].video_kbps: missing");
    CHECK(fault_of({{"ladder", {{{"name", "360p"}, {"height", 360}, {"video_kbps", 600}, {"fps", 30}}}}}) ==
          "event.halls[0].ladder[0].fps: unknown key");
    CHECK(fault_of({{"ladder", {rung("a", 144, 100), rung("b", 240, 100), rung("c", 360, 100), rung("d", 480, 100),
                                rung("e", 720, 100), rung("f", 1080, 100)}}}) ==
          "event.halls[0].ladder: at most 5 rungs, not 6");
    CHECK(fault_of({{"ladder", "720p"}}) == "event.halls[0].ladder: must be an array, not string");
    CHECK(fault_of({{"audio_only", "yes"}}) == "event.halls[0].audio_only: must be true or false, not string");
}
