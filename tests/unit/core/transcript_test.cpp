#include "core/transcript_commands.hpp"
#include "core/webvtt.hpp"
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;

namespace {

core::transcript_input line(std::string id, std::string text, bool final) {
    core::transcript_input in;
    in.id = std::move(id);
    in.text = std::move(text);
    in.final = final;
    return in;
}

}  // namespace

TEST_CASE("transcript: partials are shown, finals are recorded") {
    session_fixture f;
    auto r = core::post_segment(f.model, f.captioner, line("l1", "Добрый", false), 1000);
    REQUIRE_FALSE(r.refused);
    REQUIRE(r.partial);
    CHECK(r.partial->text == "Добрый");
    CHECK(r.changes.empty());
    CHECK(r.ack["id"] == "l1");
    core::post_segment(f.model, f.captioner, line("l1", "Добрый день, коллеги", false), 2000);
    REQUIRE(f.model.transcript().partials().size() == 1);
    CHECK(f.model.transcript().partials()[0].text == "Добрый день, коллеги");

    r = core::post_segment(f.model, f.captioner, line("l1", "Добрый день, коллеги!", true), 3000);
    REQUIRE(r.changes.size() == 1);
    CHECK_FALSE(r.partial);
    CHECK(f.model.transcript().partials().empty());
    const auto* final_line = f.model.transcript().find_final("l1");
    REQUIRE(final_line);
    CHECK(final_line->start_ms == 1000);  // when the first partial came
    CHECK(final_line->end_ms == 3000);
    // The same final again changes nothing; a correction replaces it.
    CHECK(core::post_segment(f.model, f.captioner, line("l1", "Добрый день, коллеги!", true), 3000).changes.empty());
    CHECK(core::post_segment(f.model, f.captioner, line("l1", "Добрый день, уважаемые коллеги!", true), 3100)
              .changes.size() == 1);
    CHECK(f.model.transcript().finals().size() == 1);
}

TEST_CASE("transcript: who may post, and what") {
    session_fixture f;
    CHECK(core::post_segment(f.model, f.anna, line("x", "Текст", true), 1).refused->code == error_code::forbidden);
    CHECK(core::post_segment(f.model, f.speaker, line("x", "Текст", true), 1).refused->code == error_code::forbidden);
    CHECK_FALSE(core::post_segment(f.model, f.mod, line("x", "Текст", true), 1).refused);
    CHECK(core::post_segment(f.model, f.captioner, line("y", "  ", true), 1).refused->code == error_code::bad_request);
    CHECK_FALSE(core::post_segment(f.model, f.captioner, line("y", "", false), 1).refused);  // a cleared line
    CHECK(core::post_segment(f.model, f.captioner, line("z", std::string(2001, 'a'), true), 1).refused->code ==
          error_code::too_long);
    auto timed = line("t", "Текст", true);
    timed.start_ms = 5000;
    timed.end_ms = 4000;
    CHECK(core::post_segment(f.model, f.captioner, timed, 1).refused->code == error_code::bad_request);
    auto tagged = line("t", "Текст", true);
    tagged.lang = "ru RU";
    CHECK(core::post_segment(f.model, f.captioner, tagged, 1).refused->code == error_code::bad_request);
    tagged.lang = "ru";
    tagged.speaker = "Анна\u202e Смирнова";
    auto ok = core::post_segment(f.model, f.captioner, tagged, 1);
    REQUIRE_FALSE(ok.refused);
    CHECK(f.model.transcript().find_final("t")->speaker == "Анна Смирнова");
    auto scoped = f.captioner;
    scoped.sessions = {"other"};
    CHECK(core::post_segment(f.model, scoped, line("s", "Текст", true), 1).refused->code == error_code::forbidden);
}

TEST_CASE("WebVTT: times from the first line, speakers as voices, text escaped") {
    std::vector<core::transcript_segment> lines(3);
    lines[0] = {"a", "s1", "Добрый день", true, 1'000'000, 1'004'500, std::string("Ведущий"), std::string("ru")};
    lines[1] = {"b", "s1", "<b>x</b> & y --> z", true, 1'005'000, 1'005'000, std::nullopt, std::nullopt};
    lines[2] = {"c", "s1", "Через час", true, 4'605'000, 4'610'250, std::nullopt, std::nullopt};
    const auto vtt = core::transcript_webvtt(lines);
    CHECK(vtt ==
          "WEBVTT\n"
          "\n00:00:00.000 --> 00:00:04.500\n<v Ведущий>Добрый день\n"
          "\n00:00:05.000 --> 00:00:05.500\n&lt;b&gt;x&lt;/b&gt; &amp; y --&gt; z\n"
          "\n01:00:05.000 --> 01:00:10.250\nЧерез час\n");
    CHECK(core::transcript_webvtt({}) == "WEBVTT\n");
}

TEST_CASE("the replay's clock: program time to position, stretches left out take no time") {
    const core::replay_clock clock({{10'000, 2'000}, {12'000, 2'000}, {20'000, 1'500}});  // 6 s of slate at 14 s
    CHECK(clock.start() == 10'000);
    CHECK(clock.length() == 5'500);
    CHECK(clock.position(9'000) == 0);
    CHECK(clock.position(10'000) == 0);
    CHECK(clock.position(13'250) == 3'250);
    CHECK(clock.position(15'000) == 4'000);  // in the slate: shown where the picture comes back
    CHECK(clock.position(20'500) == 4'500);
    CHECK_FALSE(clock.position(21'500));
    CHECK(core::replay_clock({}).empty());
}

TEST_CASE("WebVTT on the replay's clock: cues where the lines fall in the replay") {
    const core::replay_clock clock({{1'000'000, 2'000}, {1'002'000, 2'000}, {1'010'000, 2'000}});
    std::vector<core::transcript_segment> lines(5);
    lines[0] = {"before", "s1", "До эфира", true, 990'000, 995'000, std::nullopt, std::nullopt};
    lines[1] = {"a", "s1", "Добрый день", true, 999'000, 1'001'500, std::string("Ведущий"), std::nullopt};
    lines[2] = {"b", "s1", "Вопрос", true, 1'002'250, 1'002'250, std::nullopt, std::nullopt};
    lines[3] = {"c", "s1", "После паузы", true, 1'011'000, 1'013'000, std::nullopt, std::nullopt};
    lines[4] = {"after", "s1", "После конца", true, 1'012'500, 1'013'000, std::nullopt, std::nullopt};
    CHECK(core::transcript_webvtt(lines, clock) ==
          "WEBVTT\n"
          "\n00:00:00.000 --> 00:00:01.500\n<v Ведущий>Добрый день\n"
          "\n00:00:02.250 --> 00:00:02.750\nВопрос\n"
          "\n00:00:05.000 --> 00:00:06.000\nПосле паузы\n");
}
