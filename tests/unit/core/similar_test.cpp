// Similar questions (docs/protocol.md, "Similar questions"): the `similar`
// request, and the hint incoming questions carry for moderators.
#include "session_fixture.hpp"

#include "core/similar_questions.hpp"
#include "core/visibility.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;
using core::moderation_action;

namespace {

std::vector<std::string> similar_ids(session_fixture& f, const core::identity& who, const std::string& text) {
    const auto r = core::find_similar(f.model, who, text, f.now++);
    REQUIRE_FALSE(r.refused);
    std::vector<std::string> ids;
    for (const auto& q : r.ack["questions"]) ids.push_back(q["id"]);
    return ids;
}

void act(session_fixture& f, const std::string& id, moderation_action action) {
    REQUIRE_FALSE(core::moderate(f.model, f.mod, {id, action}, f.now).refused);
}

}  // namespace

TEST_CASE("similar: most similar first, only what the caller may see, never a merged question") {
    session_fixture f;
    const auto grant = f.approved(f.boris, "Как получить грант на благоустройство?");
    const auto yards = f.approved(f.boris, "Как получить грант на благоустройство двора?");
    f.approved(f.boris, "Как удержать молодёжь в малых городах?");
    const auto hidden = f.asked(f.boris, "Как получить грант на благоустройство парка?");  // pending
    const auto own = f.asked(f.anna, "Получить грант на благоустройство сквера");         // pending, Anna's

    const auto r = core::find_similar(f.model, f.anna, "гранты на благоустройство — как получить?", f.now);
    REQUIRE_FALSE(r.refused);
    const auto& list = r.ack["questions"];
    REQUIRE(list.size() >= 2);
    CHECK(list[0]["id"] == grant);
    CHECK(list[0]["text"] == "Как получить грант на благоустройство?");
    CHECK(list[0]["votes"] == 0);
    double last = 1.0;
    for (const auto& q : list) {
        CHECK(q["score"].get<double>() > 0.0);
        CHECK(q["score"].get<double>() <= last);
        CHECK(q["score"].get<double>() >= 0.45);
        last = q["score"];
        CHECK(q["id"] != hidden);  // someone else's pending question
    }
    auto ids = similar_ids(f, f.anna, "гранты на благоустройство — как получить?");
    CHECK(std::find(ids.begin(), ids.end(), own) != ids.end());  // her own, in any state
    CHECK(std::find(ids.begin(), ids.end(), yards) != ids.end());
    ids = similar_ids(f, f.mod, "гранты на благоустройство — как получить?");
    CHECK(std::find(ids.begin(), ids.end(), hidden) != ids.end());  // moderators see everything

    // Nothing like it: an empty list. Unrelated words never match.
    CHECK(similar_ids(f, f.anna, "Расписание электричек").empty());

    // Merged: gone from the answers; its target stands for it.
    REQUIRE_FALSE(core::moderate(f.model, f.mod, {yards, moderation_action::merge, std::nullopt, grant}, f.now).refused);
    ids = similar_ids(f, f.mod, "Как получить грант на благоустройство двора?");
    CHECK(std::find(ids.begin(), ids.end(), yards) == ids.end());
    CHECK(std::find(ids.begin(), ids.end(), grant) != ids.end());
}

TEST_CASE("similar: at most five, the text checked like a question, rate limited, captioners refused") {
    core::session_limits limits;
    limits.asks_per_minute = 100;
    limits.similar_per_second = 1;
    limits.similar_burst = 3;
    session_fixture f(core::moderation_mode::post, limits);
    for (int i = 0; i < 8; ++i) f.asked(f.boris, "Как получить грант на благоустройство № " + std::to_string(i) + "?");
    CHECK(similar_ids(f, f.anna, "грант на благоустройство").size() == core::similar_answer_limit);
    CHECK(core::find_similar(f.model, f.anna, "  ", f.now).refused->code == error_code::bad_request);
    CHECK(core::find_similar(f.model, f.anna, std::string(501, 'x'), f.now).refused->code == error_code::too_long);
    CHECK(core::find_similar(f.model, f.captioner, "грант", f.now).refused->code == error_code::forbidden);
    const auto now = f.now + 10'000;
    for (int i = 0; i < 3; ++i) CHECK_FALSE(core::find_similar(f.model, f.boris, "грант", now).refused);
    CHECK(core::find_similar(f.model, f.boris, "грант", now).refused->code == error_code::rate_limited);
    CHECK_FALSE(core::find_similar(f.model, f.boris, "грант", now + 1000).refused);
}

TEST_CASE("hints: an incoming question carries its best match in the queue, kept up to date") {
    session_fixture f;
    const auto youth = f.approved(f.boris, "Как удержать молодёжь в малых городах?");
    const auto incoming = f.asked(f.anna, "Гранты на благоустройство дворов — как получить?");
    CHECK_FALSE(f.model.find(incoming)->similar_to);  // nothing like it in the queue yet

    // A match enters the queue: the incoming question points at it.
    const auto grant = f.asked(f.boris, "Как получить грант на благоустройство?");
    CHECK_FALSE(f.model.find(incoming)->similar_to);  // pending questions are not the queue
    act(f, grant, moderation_action::approve);
    REQUIRE(f.model.find(incoming)->similar_to);
    CHECK(f.model.find(incoming)->similar_to->id == grant);
    const auto score = f.model.find(incoming)->similar_to->score;
    CHECK(score >= 0.45);
    CHECK(score <= 1.0);
    CHECK(f.model.find(grant)->similar_to == std::nullopt);  // only incoming questions carry one

    // Moderators see it; its author and everyone else do not.
    CHECK(core::question_json_for(*f.model.find(incoming), f.mod)["similar_to"] ==
          nlohmann::json{{"id", grant}, {"score", score}});
    CHECK_FALSE(core::question_json_for(*f.model.find(incoming), f.anna).contains("similar_to"));

    // A closer one arrives: it takes over. A new incoming question gets its hint at once.
    const auto closer = f.approved(f.boris, "Как получить грант на благоустройство двора?");
    REQUIRE(f.model.find(incoming)->similar_to);
    CHECK(f.model.find(incoming)->similar_to->id == closer);
    CHECK(f.model.find(incoming)->similar_to->score > score);
    const auto second = f.asked(f.anna, "Как получить гранты на благоустройство дворов?");
    REQUIRE(f.model.find(second)->similar_to);
    CHECK(f.model.find(second)->similar_to->id == closer);

    // The match leaves the queue: the hint falls back to the next best; with none left, it goes.
    act(f, closer, moderation_action::reject);
    REQUIRE(f.model.find(incoming)->similar_to);
    CHECK(f.model.find(incoming)->similar_to->id == grant);
    act(f, grant, moderation_action::archive);
    CHECK_FALSE(f.model.find(incoming)->similar_to);
    CHECK(f.model.find(youth)->state == core::question_state::approved);

    // Approved itself: the hint is gone from it.
    act(f, closer, moderation_action::restore);
    REQUIRE(f.model.find(incoming)->similar_to);
    act(f, incoming, moderation_action::approve);
    CHECK_FALSE(f.model.find(incoming)->similar_to);
}
