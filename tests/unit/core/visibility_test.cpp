#include "core/queue_order.hpp"
#include "core/visibility.hpp"
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::moderation_action;

namespace {

std::vector<std::string> ids(const std::vector<const core::question*>& qs) {
    std::vector<std::string> out;
    for (const auto* q : qs) out.push_back(q->id);
    return out;
}

}  // namespace

TEST_CASE("who sees which question (contract section 4)") {
    session_fixture f;
    const auto pending = f.asked(f.anna, "Ждёт");
    const auto approved = f.approved(f.boris, "Одобрен");
    const auto rejected = f.asked(f.anna, "Отклонён");
    core::moderate(f.model, f.mod, {rejected, moderation_action::reject}, f.now);

    CHECK(f.model.visible_questions(f.mod).size() == 3);
    CHECK(f.model.visible_questions(f.admin).size() == 3);
    CHECK(ids(f.model.visible_questions(f.speaker)) == std::vector<std::string>{approved});
    CHECK(ids(f.model.visible_questions(f.boris)) == std::vector<std::string>{approved});
    // Her own questions in every state, and the approved one.
    CHECK(f.model.visible_questions(f.anna).size() == 3);
    CHECK(core::visible_to_readers(core::question_state::answered));
    CHECK_FALSE(core::visible_to_readers(core::question_state::pending));
    (void)pending;
}

TEST_CASE("anonymous authors are shown to moderators and to the author only") {
    session_fixture f;
    const auto id = f.asked(f.anna, "Анонимный вопрос", true);
    const auto q = *f.model.find(id);  // a copy: asking again may move the questions
    CHECK(core::question_json_for(q, f.boris)["author"].is_null());
    CHECK(core::question_json_for(q, f.speaker)["author"].is_null());
    CHECK(core::question_json_for(q, f.mod)["author"]["id"] == "anna");
    CHECK(core::question_json_for(q, f.anna)["author"]["name"] == "Анна Смирнова");

    const auto named = f.asked(f.boris, "С именем");
    CHECK(core::question_json_for(*f.model.find(named), f.anna)["author"]["id"] == "boris");

    const auto json = core::question_json(q, core::author_view::moderator);
    for (const char* key : {"id", "session", "text", "author", "anonymous", "state", "highlighted", "votes", "created_at", "edited"})
        CHECK(json.contains(key));
    CHECK(core::question_stub_json(q) == nlohmann::json{{"id", id}, {"session", "s1"}, {"state", "pending"}});
}

TEST_CASE("the speaker queue: highlighted, then approved by votes and age, answered last") {
    session_fixture f;
    const auto old_few = f.approved(f.anna, "Старый, мало голосов");
    const auto popular = f.approved(f.boris, "Популярный");
    const auto young_few = f.approved(f.anna, "Новый, мало голосов");
    const auto answered = f.approved(f.boris, "Отвечен");
    const auto star = f.approved(f.anna, "Выделен");
    auto voter = [&](int i) { return person("v" + std::to_string(i)); };
    for (int i = 0; i < 3; ++i) core::vote(f.model, voter(i), popular, true, f.now);
    core::vote(f.model, voter(9), old_few, true, f.now);
    core::vote(f.model, voter(9), young_few, true, f.now);
    for (int i = 0; i < 5; ++i) core::vote(f.model, voter(i), answered, true, f.now);
    core::moderate(f.model, f.mod, {answered, moderation_action::answer}, f.now);
    core::moderate(f.model, f.mod, {star, moderation_action::highlight}, f.now);

    CHECK(ids(f.model.visible_questions(f.speaker)) ==
          std::vector<std::string>{star, popular, old_few, young_few, answered});
}
