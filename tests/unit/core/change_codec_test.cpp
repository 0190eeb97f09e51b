#include "core/change_codec.hpp"

#include <catch2/catch.hpp>

using namespace veche;

namespace {

core::question full_question() {
    return core::question{.id = "s1.7",
                          .session = "s1",
                          .text = "Как «малая родина» получит гранты?\tи \"кавычки\"",
                          .author_id = "anna",
                          .author_name = "Анна Смирнова",
                          .author_affiliation = {.org = "Бежецкий округ", .region = "Тверская область", .verified = true},
                          .anonymous = true,
                          .state = core::question_state::answered,
                          .highlighted = true,
                          .edited = true,
                          .votes = 42,
                          .created_at = 1'768'471'200'123,
                          .merged_into = "",
                          .merged = {"s1.2", "s1.5"},
                          .similar_to = std::nullopt,
                          .reply = core::written_reply{"С 1 марта.", "Наталья Лебедева", 1'768'471'250'000}};
}

// Folded into another, and one waiting with its hint.
core::question merged_question() {
    auto q = full_question();
    q.id = "s1.5";
    q.state = core::question_state::merged;
    q.merged_into = "s1.7";
    q.merged.clear();
    q.reply.reset();
    return q;
}
core::question hinted_question() {
    auto q = full_question();
    q.id = "s1.9";
    q.state = core::question_state::pending;
    q.merged.clear();
    q.similar_to = core::similar_hint{"s1.7", 0.617};
    q.reply = core::written_reply{"Уточните, пожалуйста.", "", 1'768'471'260'000};
    return q;
}

core::poll full_poll() {
    return core::poll{.id = "s1.p2",
                      .session = "s1",
                      .question = "Где следующий форум?",
                      .options = {"Казань", "Томск", "Владивосток"},
                      .multi = true,
                      .live_results = true,
                      .state = core::poll_state::closed,
                      .created_at = 1'768'471'300'000,
                      .counts = {3, 0, 9},
                      .voters = 11};
}

core::change round_trip(const core::change& c) {
    const auto back = core::change_from_text(core::change_text(c));
    REQUIRE(back);
    return *back;
}

}  // namespace

TEST_CASE("every kind of change reads back exactly as it was written") {
    const core::transcript_segment line{.id = "cap-9",
                                        .session = "s1",
                                        .text = "Добрый день, коллеги",
                                        .final = true,
                                        .start_ms = 1'768'471'201'000,
                                        .end_ms = 1'768'471'203'500,
                                        .speaker = "Модератор",
                                        .lang = std::nullopt};
    const std::vector<core::change> changes{
        {1, core::question_changed{full_question(), true}},
        {2, core::question_changed{core::question{}, false}},
        {2, core::question_changed{merged_question(), true}},
        {2, core::question_changed{hinted_question(), false}},
        {3, core::vote_changed{"s1.7", "boris", true, 43}},
        {4, core::vote_changed{"s1.7", "boris", false, 42}},
        {5, core::session_changed{{core::session_state::ended, false, core::moderation_mode::post, core::replay_range{1000, 2000}}}},
        {6, core::session_changed{{core::session_state::live, true, core::moderation_mode::pre, std::nullopt}}},
        {7, core::segment_finalized{line}},
        {8, core::poll_changed{full_poll()}},
        {18'446'744'073'709'551'000u, core::ballot_cast{"s1.p2", "vera", {0, 2}, full_poll()}},
    };
    for (const auto& c : changes) {
        const auto back = round_trip(c);
        CHECK(back.seq == c.seq);
        CHECK(back.payload == c.payload);
        // And through the JSON tree the same.
        CHECK(core::change_from_json(core::change_json(c))->payload == c.payload);
    }
}

TEST_CASE("a change's JSON names its type and carries what a reader needs") {
    const auto j = core::change_json({9, core::vote_changed{"s1.3", "p-1", true, 4}});
    CHECK(j == nlohmann::json{{"seq", 9}, {"type", "vote_changed"}, {"question", "s1.3"}, {"participant", "p-1"},
                              {"on", true}, {"total", 4}});
    const auto q = core::change_json({1, core::question_changed{full_question(), false}});
    CHECK(q["type"] == "question_changed");
    CHECK(q["question"]["author_id"] == "anna");
    CHECK(q["question"]["anonymous"] == true);
    CHECK(q["question"]["state"] == "answered");
}

TEST_CASE("a row written by an older version, without later fields, reads with their defaults") {
    const auto c = core::change_from_text(
        R"({"seq":3,"type":"question_changed","question":{"id":"s1.1","session":"s1","text":"Т","state":"approved"}})");
    REQUIRE(c);
    const auto& qc = std::get<core::question_changed>(c->payload);
    CHECK(qc.after.state == core::question_state::approved);
    CHECK_FALSE(qc.after.anonymous);
    CHECK(qc.after.votes == 0);
    CHECK_FALSE(qc.was_visible_to_readers);
    // A field it does not know is ignored.
    CHECK(core::change_from_text(R"({"seq":4,"type":"vote_changed","question":"q","participant":"p","on":true,"total":1,"region":"x"})"));
}

TEST_CASE("what is not a change is refused, never half read") {
    for (const char* bad : {
             "",
             "not json",
             "[1,2]",
             R"({"type":"vote_changed","question":"q","participant":"p","on":true,"total":1})",
             R"({"seq":-1,"type":"vote_changed","question":"q","participant":"p","on":true,"total":1})",
             R"({"seq":"1","type":"vote_changed","question":"q","participant":"p","on":true,"total":1})",
             R"({"seq":1,"type":"vote_cast","question":"q","participant":"p","on":true,"total":1})",
             R"({"seq":1,"type":"vote_changed","question":"q","on":true,"total":1})",
             R"({"seq":1,"type":"vote_changed","question":"q","participant":"p","on":"yes","total":1})",
             R"({"seq":1,"type":"question_changed","question":{"id":"s1.1","session":"s1","text":"Т","state":"lost"}})",
             R"({"seq":1,"type":"question_changed","question":{"id":"s1.1","session":"s1","text":"Т","state":"approved","votes":"many"}})",
             R"({"seq":1,"type":"session_changed","status":{"state":"live","moderation":"none"}})",
             R"({"seq":1,"type":"segment_finalized","segment":{"id":"x"}})",
             R"({"seq":1,"type":"poll_changed","poll":{"id":"p","session":"s1","question":"?","options":"a","state":"open"}})",
             R"({"seq":1,"type":"ballot_cast","poll_id":"p","participant":"x","choices":[-1],)"
             R"("poll":{"id":"p","session":"s1","question":"?","options":["a","b"],"state":"open"}})",
         })
        CHECK_FALSE(core::change_from_text(bad));
}
